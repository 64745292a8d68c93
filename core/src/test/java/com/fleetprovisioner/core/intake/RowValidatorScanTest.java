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

    @Test
    void idScanAgreesWithTheAllowedPatternOnEveryCharacter() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String one = String.valueOf(c);
            assertThat(RowValidator.allowedId(one)).as("U+%04X", (int) c).isEqualTo(Ids.ALLOWED.matcher(one).matches());
            assertThat(RowValidator.allowedId("35" + one + "9")).as("U+%04X inside", (int) c)
                    .isEqualTo(Ids.ALLOWED.matcher("35" + one + "9").matches());
        }
        for (String sample : SAMPLES) {
            assertThat(RowValidator.allowedId(sample)).as(sample).isEqualTo(Ids.ALLOWED.matcher(sample).matches());
        }
    }

    @Test
    void controlScanFindsWhatTheControlPatternFinds() {
        Pattern control = RowValidator.CONTROL;
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String text = "pw" + c + "x";
            assertThat(RowValidator.hasControl(text)).as("U+%04X", (int) c).isEqualTo(control.matcher(text).find());
        }
        for (String sample : SAMPLES) {
            assertThat(RowValidator.hasControl(sample)).as(sample).isEqualTo(control.matcher(sample).find());
        }
    }

    @Test
    void theScientificPrefilterNeverSkipsACellTheCsvPatternMatches() {
        List<String> cells = new java.util.ArrayList<>(SAMPLES);
        cells.addAll(List.of("1E10", " 3.56938E+14 ", "-1e5", "+2,5E3", "\t7e1\n", "e5", "E+14", "1.5E", "depot",
                "Truck 1, depot 3", "genx", "teltonika", "\u00A01E5", "\u20031E5", "1E-5", "１E5"));
        for (String cell : cells) {
            boolean matches = CsvSheetReader.SCIENTIFIC.matcher(cell.strip()).matches();
            if (matches) {
                assertThat(CsvSheetReader.mayBeScientific(cell)).as(cell).isTrue();
            }
        }
        assertThat(CsvSheetReader.mayBeScientific("Truck 1, depot 3")).isFalse();
        assertThat(CsvSheetReader.mayBeScientific(" 3.56938E+14 ")).isTrue();
    }
}
