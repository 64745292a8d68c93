package com.fleetprovisioner.core.fleetfreedom;

import java.util.regex.Pattern;

/** Masks secrets in text bound for logs: every JSON {@code "password"} value becomes {@code "***"}. */
public final class Secrets {

    private static final Pattern PASSWORD_VALUE =
            Pattern.compile("(\"password\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

    private Secrets() {
    }

    public static String maskFrame(String frame) {
        return frame == null ? null : PASSWORD_VALUE.matcher(frame).replaceAll("$1\"***\"");
    }
}
