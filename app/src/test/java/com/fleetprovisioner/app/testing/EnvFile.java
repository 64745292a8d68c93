package com.fleetprovisioner.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The repository's {@code .env.example}, read the way docker-compose and {@code set -a; . ./.env} read it. */
public final class EnvFile {
    public static final Path EXAMPLE = Path.of("..", ".env.example").toAbsolutePath().normalize();

    private EnvFile() {
    }

    public static String exampleText() {
        try {
            return Files.readString(EXAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as copied: its NAME=value lines; comment lines set nothing. */
    public static Map<String, String> example() {
        return parse(exampleText());
    }

    /** The file after someone follows its PostgreSQL note: the commented FP_DB_* lines switched on. */
    public static String exampleWithPostgres() {
        return exampleText().replaceAll("(?m)^# (FP_DB_(URL|USER|PASSWORD)=)", "$1");
    }

    public static Map<String, String> parse(String text) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int equals = line.indexOf('=');
            if (!line.startsWith("#") && equals > 0) {
                variables.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        return variables;
    }
}
