package com.fleetprovisioner.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Random tokens, their one-way digests, and masking for anything that may reach a log. */
public final class Secrets {
    public static final String MASK = "***";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PASSWORD_VALUE =
            Pattern.compile("(\"password\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

    private Secrets() {
    }

    /** A URL-safe random token with {@code bytes} bytes of entropy. */
    public static String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    /** SHA-256 as lower-case hex: how session ids and API tokens are stored (never the token itself). */
    public static String sha256Hex(String value) {
        return sha256Hex(value.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256Hex(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** {@code ***} for any non-empty secret, so a log line says whether it is set without saying what it is. */
    public static String mask(String secret) {
        return secret == null || secret.isEmpty() ? "(unset)" : MASK;
    }

    /** A protocol frame fit for a log: every JSON {@code "password"} value becomes {@code "***"}. */
    public static String maskFrame(String frame) {
        return frame == null ? null : PASSWORD_VALUE.matcher(frame).replaceAll("$1\"***\"");
    }

    /** Constant-time comparison, for CSRF tokens and the like. */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
