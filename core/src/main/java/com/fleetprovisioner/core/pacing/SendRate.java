package com.fleetprovisioner.core.pacing;

/**
 * How fast all worker processes together may send, as configured ({@code FP_SEND_RATE}, the settings
 * page): {@code auto} adapts to what Fleet Freedom accepts, {@code 0} is unpaced, a number is a rate an
 * admin fixed. Settings carry it as an int ({@link #AUTO} for adaptive) so that a saved value round-trips
 * through the same field as before; decisions are made on {@link Mode}.
 */
public record SendRate(Mode mode, int perSecond) {

    public enum Mode { ADAPTIVE, FIXED, UNPACED }

    /** The int form of {@code auto} in settings records. */
    public static final int AUTO = -1;
    public static final String AUTO_TEXT = "auto";
    public static final int MAX = 10_000;

    public static SendRate of(int value) {
        if (value == AUTO) {
            return new SendRate(Mode.ADAPTIVE, 0);
        }
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("a send rate is auto or 0.." + MAX + ", was " + value);
        }
        return value == 0 ? new SendRate(Mode.UNPACED, 0) : new SendRate(Mode.FIXED, value);
    }

    /** {@code auto}, or a whole number from 0 to 10,000; throws {@link IllegalArgumentException} otherwise. */
    public static int parse(String raw) {
        String value = raw == null ? "" : raw.trim();
        if (AUTO_TEXT.equalsIgnoreCase(value)) {
            return AUTO;
        }
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("auto or a whole number from 0 to " + MAX);
        }
        if (n < 0 || n > MAX) {
            throw new IllegalArgumentException("auto or a whole number from 0 to " + MAX);
        }
        return n;
    }

    public static String format(int value) {
        return value == AUTO ? AUTO_TEXT : Integer.toString(value);
    }
}
