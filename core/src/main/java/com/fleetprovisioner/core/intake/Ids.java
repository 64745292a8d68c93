package com.fleetprovisioner.core.intake;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** Reporting ids as Fleet Freedom accepts them, and the IMEI check digit. */
public final class Ids {
    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 50;
    /** Below this the vendor's events documentation says ids are too short (protocol §4): a warning. */
    public static final int RECOMMENDED_MIN_LENGTH = 14;
    /**
     * Vendor documentation does not list the characters it accepts. We accept what real ESNs, IMEIs and
     * serials use and nothing that could be misread or break a CSV or a URL: ASCII letters, digits and
     * {@code - _ . :}.
     */
    public static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:-]+");

    /** Zero-width and other invisible format characters, byte order marks and non-breaking spaces. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\u00A0\\u2007\\u202F\\uFEFF]");

    private Ids() {
    }

    /**
     * Unicode NFKC (full-width digits become ASCII), invisible characters removed, trimmed. Applied to
     * every cell before any rule.
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return "";
        }
        if (printableAscii(raw)) { // nearly every cell: NFKC and the invisible characters leave it as it is
            return raw.strip();
        }
        String cleaned = INVISIBLE.matcher(raw).replaceAll("");
        return Normalizer.normalize(cleaned, Normalizer.Form.NFKC).strip();
    }

    private static boolean printableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    /** True when the 15th digit is the Luhn check digit of the first 14 (IMEI). */
    public static boolean imeiCheckDigitValid(String fifteenDigits) {
        return luhnCheckDigit(fifteenDigits.substring(0, 14)) == fifteenDigits.charAt(14) - '0';
    }

    /** The Luhn check digit for these digits. */
    public static int luhnCheckDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }
}
