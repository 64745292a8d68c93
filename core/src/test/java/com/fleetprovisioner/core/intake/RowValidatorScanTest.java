package com.fleetprovisioner.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written scans agree with the regular expressions they replaced, on awkward input too. */
class RowValidatorScanTest {
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern PHONE_FORMATTING = Pattern.compile("[\\s()\\-./+]");
    private static final List<String> SAMPLES = List.of("", "0", "0123456789", "12a", "a12", " 12", "12 ", "١٢٣",
            "１２３", "+44 (0)20 7946-0958", "+1.555.010/2030", "44\t20\n79\u000B46\f09\r58", "44\u00A020 7946",
            "44\u200B20", "++--..//()", "12\u2007 34", "999999999999999999999", "-1", "1e5");

    @Test
    void digitsMatchesTheRegularExpression() {
        for (String sample : SAMPLES) {
            assertThat(RowValidator.digits(sample)).as(sample).isEqualTo(DIGITS.matcher(sample).matches());
        }
    }

    @Test
    void phoneFormattingIsRemovedAsTheRegularExpressionDid() {
        for (String sample : SAMPLES) {
            assertThat(RowValidator.withoutPhoneFormatting(sample)).as(sample)
                    .isEqualTo(PHONE_FORMATTING.matcher(sample).replaceAll(""));
        }
    }
}
