package com.fleetprovisioner.core.config;

/** A configuration value is missing or malformed; the message names the variable and what it expects. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    /** For a process's start: a configuration problem ends the process with exit code 2 and the message. */
    public static <T> T orExit(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            throw e;
        }
    }
}
