package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.SpreadsheetExport;
import com.fleetprovisioner.core.common.Text;

import static com.fleetprovisioner.core.intake.SheetFixtures.check;
import static com.fleetprovisioner.core.intake.SheetFixtures.csv;
import static com.fleetprovisioner.core.intake.SheetFixtures.summaries;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every row rule, from generated files, with the exact row and message. */
class RowValidatorTest {
    @TempDir
    Path dir;

    @Test
    void idsAreNormalisedBeforeAnyRule() {
        Path file = csv(dir, "n.csv", "Reporting ID,Kind,Company\n"
                + "\uFF13\uFF15\uFF16\uFF19\uFF13\uFF18\uFF10\uFF13\uFF15\uFF16\uFF14\uFF13\uFF18\uFF10\uFF19,genx,42\n"
                + "\u00A0 356938035643817\u200B ,genx,42\n");
        List<IntakeRow> rows = check(file);
        assertThat(rows).extracting(r -> r.values().providerId().orElse("?"))
                .containsExactly("356938035643809", "356938035643817");
        assertThat(rows).extracting(IntakeRow::status).containsOnly(RowStatus.VALID);
    }

    @Test
    void idRulesGiveExactMessages() {
        Path file = csv(dir, "i.csv", "IMEI,Kind,Company\n"
                + ",genx,42\n"
                + "123456789,genx,42\n"
                + "ABC 1234567890,genx,42\n"
                + "356938035643808,genx,42\n"
                + "AB-12345.67:8,genx,42\n"
                + "x".repeat(51) + ",genx,42\n");
        assertThat(summaries(check(file))).containsExactly(
                entry(2, "error: IMEI: The id is missing."),
                entry(3, "error: IMEI: The id has 9 characters; Fleet Freedom needs 10 to 50."),
                entry(4, "error: IMEI: The id contains a space; Fleet Freedom ids may hold letters A-Z, digits 0-9 and - _ . : only."),
                entry(5, "warning: IMEI: This 15-digit IMEI's check digit is wrong (expected 9 at the end): check for a typing error."),
                entry(6, "warning: IMEI: The id has 13 characters; Fleet Freedom's documentation expects at least 14."),
                entry(7, "error: IMEI: The id has 51 characters; Fleet Freedom needs 10 to 50."));
    }

    @Test
    void otherFieldsGiveExactMessages() {
        Path file = csv(dir, "f.csv", "Device ID,Model family,Company ID,MSISDN,Password,Configuration,Label\n"
                + "356938035643809,GENX,42,+44 (0) 7700-900.123,pw,7,Van 1\n"
                + "356938035643817,unknown,42,,,,\n"
                + "356938035643825,genx,Acme,,,,\n"
                + "356938035643833,genx,99,,,,\n"
                + "356938035643841,genx,42,call me,,,\n"
                + "356938035643858,genx,42,," + "p".repeat(51) + ",,\n"
                + "356938035643866,genx,42,,,seven,\n"
                + "356938035643874,genx,42,,,," + "n".repeat(101) + "\n");
        List<IntakeRow> rows = check(file);
        assertThat(rows.get(0).status()).isEqualTo(RowStatus.VALID);
        assertThat(rows.get(0).values()).isEqualTo(new DeviceValues(Optional.of("356938035643809"), Optional.of("genx"),
                Optional.of(42L), Optional.of("4407700900123"), Optional.of("pw"), Optional.of(7L), Optional.of("Van 1")));
        assertThat(summaries(rows.subList(1, rows.size()))).containsExactly(
                entry(3, "error: Model family: \"unknown\" is not a kind Fleet Freedom accepts; use one of genx, mobile, "
                        + "datatrans, lbs, smartwitness, calamp, bewhere, atrack, teltonika, queclink."),
                entry(4, "error: Company ID: The company must be a Fleet Freedom company number, not \"Acme\"."),
                entry(5, "error: Company ID: Company 99 is not one of your companies in Fleet Freedom (yours: 42, 43)."),
                entry(6, "error: MSISDN: The phone number \"call me\" must be digits only (at most 15; spaces, dashes, dots, brackets and + are removed)."),
                entry(7, "error: Password: The password has 51 characters; Fleet Freedom allows at most 50."),
                entry(8, "error: Configuration: The configuration must be a Fleet Freedom configuration number, not \"seven\"."),
                entry(9, "error: Label: The name has 101 characters; Fleet Freedom allows at most 100."));
    }

    @Test
    void batchDefaultsFillEmptyCellsAndMissingColumns() {
        Path file = csv(dir, "d.csv", "Serial,Company\n356938035643809,\n356938035643817,43\n");
        List<IntakeRow> rows = check(file, new IntakeDefaults(Optional.of(42L), Optional.of("Teltonika")));
        assertThat(rows).extracting(r -> r.values().company().orElseThrow() + "/" + r.values().kind().orElseThrow())
                .containsExactly("42/teltonika", "43/teltonika");
        Path noDefaults = csv(dir, "e.csv", "Serial,Kind,Company\n356938035643809,,\n");
        assertThat(summaries(check(noDefaults))).containsExactly(entry(2, "error: Kind: The kind is missing (and the "
                + "upload has no default kind).; Company: The company is missing (and the upload has no default company)."));
    }

    @Test
    void headersMatchAliasesIgnoringCaseAndPunctuationAndReportUnknownColumns() {
        SheetRow header = new SheetRow(1, List.of("reporting_id", "MODEL-FAMILY", "Company Id", "Notes", "IMEI"), java.util.Map.of());
        HeaderMapping mapping = HeaderMapping.tryHeader(header).orElseThrow();
        assertThat(mapping.columns()).containsOnly(entry(DeviceField.ID, 0), entry(DeviceField.KIND, 1), entry(DeviceField.COMPANY, 2));
        assertThat(mapping.notices()).containsExactly(Text.of("intake.notice.unknown", "Notes"),
                Text.of("intake.notice.twice", "IMEI", "reporting_id", "id"));
        HeaderMapping noKind = HeaderMapping.tryHeader(new SheetRow(3, List.of("ESN", "Company"), java.util.Map.of())).orElseThrow();
        assertThatThrownBy(() -> noKind.requireColumns(IntakeDefaults.none())).isInstanceOf(IntakeFileException.class)
                .hasMessage("Row 3 (the header) has no kind column (Kind, Type or Model family) and no default kind was chosen for the upload.");
    }

    @Test
    void imeiCheckDigitIsLuhn() {
        assertThat(Ids.imeiCheckDigitValid("490154203237518")).isTrue();
        assertThat(Ids.imeiCheckDigitValid("490154203237519")).isFalse();
        assertThat(Ids.luhnCheckDigit("35693803564380")).isEqualTo(9);
    }

    @Test
    void exportsNeutraliseFormulaInjectionAndIntakeUndoesIt() {
        assertThat(List.of("=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx", "plain"))
                .extracting(SpreadsheetExport::neutralise)
                .containsExactly("'=1+1", "'+44", "'-2", "'@SUM(A1)", "'\tx", "'\rx", "plain");
        Path file = csv(dir, "p.csv", "IMEI,Kind,Company,Phone\n356938035643809,genx,42,'+44 7700 900123\n");
        assertThat(check(file).get(0).values().phone()).hasValue("447700900123");
    }
}
