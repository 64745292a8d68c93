package com.fleetprovisioner.core.intake;

import static com.fleetprovisioner.core.intake.SheetFixtures.check;
import static com.fleetprovisioner.core.intake.SheetFixtures.read;
import static com.fleetprovisioner.core.intake.SheetFixtures.xlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XlsxSheetReaderTest {
    @TempDir
    Path dir;

    @Test
    void numericIdsGiveTheirExactDigitsAndTextKeepsLeadingZeros() {
        Path file = SheetFixtures.write(dir, "d.xlsx", xlsx(b -> {
            b.row(0, "IMEI", "Kind", "Company", "Phone");
            b.row(1, 356938035643809L, "genx", 42, 447700900123L);
            b.row(2, "0012345678901234", "Teltonika", "43", "+44 (7700) 900-124");
            b.row(3, 356938035643817L, "genx", 42.0, null).getCell(0).setCellStyle(b.format("000000000000000"));
        }));
        List<SheetRow> rows = read(file);
        assertThat(rows.get(1).cells()).containsExactly("356938035643809", "genx", "42", "447700900123");
        assertThat(rows.get(2).cell(0)).isEqualTo("0012345678901234");
        assertThat(rows.get(3).cell(0)).isEqualTo("356938035643817");
        List<IntakeRow> checked = check(file);
        assertThat(checked.get(0).values().providerId()).hasValue("356938035643809");
        assertThat(checked.get(1).values().kind()).hasValue("teltonika");
        assertThat(checked.get(1).values().phone()).hasValue("447700900124");
    }

    @Test
    void aNumberExcelAlreadyRoundedIsAnErrorOnItsRow() {
        Path file = SheetFixtures.write(dir, "r.xlsx", xlsx(b -> {
            b.row(0, "IMEI", "Kind", "Company");
            b.row(1, 356938000000000L, "genx", 42);
            b.row(2, 356938035643809L, "genx", 42).getCell(0).setCellStyle(b.format("0.00E+00"));
            b.row(3, 8901260123456789012L, "genx", 42);
        }));
        assertThat(SheetFixtures.summaries(check(file))).containsExactly(
                java.util.Map.entry(2, "error: IMEI: Excel has already rounded this value (15-digit number with only 6 "
                        + "significant digits): the real digits are lost. Format the column as Text, enter the values again and save."),
                java.util.Map.entry(3, "error: IMEI: The value is in scientific notation (3.57E+14): Excel has rounded it and "
                        + "the real digits are lost. Format the column as Text, enter the values again and save."),
                java.util.Map.entry(4, "error: IMEI: Excel has already rounded this value (19-digit number, of which Excel kept "
                        + "only 15 significant digits): the real digits are lost. Format the column as Text, enter the values again and save."));
    }

    @Test
    void aScientificIdInACsvSavedByExcelIsAnErrorToo() {
        Path file = SheetFixtures.csv(dir, "s.csv", "IMEI,Kind,Company\n3.56938E+14,genx,42\n");
        assertThat(SheetFixtures.summaries(check(file))).containsExactly(java.util.Map.entry(2, "error: IMEI: The value is "
                + "in scientific notation (3.56938E+14): Excel has rounded it and the real digits are lost. Format the "
                + "column as Text, enter the values again and save."));
    }

    @Test
    void formulasGiveTheirCachedValueWithAWarning() {
        Path file = SheetFixtures.write(dir, "f.xlsx", xlsx(b -> {
            b.row(0, "IMEI", "Kind", "Company");
            var row = b.row(1, null, "genx", 42);
            row.getCell(0).setCellFormula("\"3569380356\"&\"43809\"");
            b.workbook().getCreationHelper().createFormulaEvaluator().evaluateAll();
        }));
        assertThat(SheetFixtures.summaries(check(file))).containsExactly(java.util.Map.entry(2,
                "warning: IMEI: The cell holds a formula; its last calculated value \"356938035643809\" was used."));
    }

    @Test
    void macroEnabledLegacyDamagedAndFakeWorkbooksAreRefused() throws IOException {
        byte[] good = xlsx(b -> b.row(0, "IMEI"));
        Path macro = SheetFixtures.write(dir, "m.xlsx", withEntry(good, "xl/vbaProject.bin", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> read(macro)).isInstanceOf(IntakeFileException.class)
                .hasMessageStartingWith("The workbook contains macros (.xlsm)");
        assertThatThrownBy(() -> read(SheetFixtures.write(dir, "m.xlsm", good))).hasMessageStartingWith("Macro-enabled workbooks");
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};
        assertThatThrownBy(() -> read(SheetFixtures.write(dir, "old.xls", ole2))).hasMessageStartingWith("Legacy Excel 97-2003");
        assertThatThrownBy(() -> read(SheetFixtures.write(dir, "cut.xlsx", java.util.Arrays.copyOf(good, good.length / 2))))
                .isInstanceOf(IntakeFileException.class).hasMessageContaining("Excel workbook (.xlsx)");
        assertThatThrownBy(() -> read(SheetFixtures.write(dir, "fake.xlsx", "IMEI\n1".getBytes(StandardCharsets.UTF_8))))
                .hasMessage("The file is named .xlsx but is not an Excel workbook.");
    }

    @Test
    void aZipBombIsRefusedBeforeItInflates() throws IOException {
        byte[] good = xlsx(b -> b.row(0, "IMEI"));
        byte[] bomb = withEntry(good, "xl/media/zeros.bin", new byte[200 * 1024 * 1024]);
        assertThat(bomb.length).isLessThan(2 * 1024 * 1024);
        assertThatThrownBy(() -> read(SheetFixtures.write(dir, "bomb.xlsx", bomb), IntakeLimits.of(1024 * 1024 * 20, 100)))
                .isInstanceOf(IntakeFileException.class).hasMessageContaining("zip bomb guard");
    }

    @Test
    void externalEntitiesAreNeverResolved() throws IOException {
        Path secret = SheetFixtures.csv(dir, "secret.txt", "TOP-SECRET-1234567");
        byte[] good = xlsx(b -> b.row(0, "IMEI"));
        String sheet = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
                + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>IMEI</t></is></c></row>"
                + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>&e;</t></is></c></row></sheetData></worksheet>";
        Path file = SheetFixtures.write(dir, "xxe.xlsx", replaceEntry(good, "xl/worksheets/sheet1.xml", sheet.getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> read(file)).isInstanceOf(IntakeFileException.class)
                .hasMessageContaining("could not be read as an Excel workbook").hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void theRowLimitStopsTheSheetEarly() {
        Path file = SheetFixtures.write(dir, "many.xlsx", xlsx(b -> {
            b.row(0, "IMEI");
            for (int i = 1; i <= 50; i++) {
                b.row(i, "35693803564" + (1000 + i));
            }
        }));
        assertThatThrownBy(() -> read(file, IntakeLimits.of(1024 * 1024, 10)))
                .hasMessage("The sheet has more than 10 rows (FP_INTAKE_MAX_ROWS). Split it into smaller files.");
    }

    static byte[] withEntry(byte[] zip, String name, byte[] content) throws IOException {
        return rewrite(zip, name, content, true);
    }

    static byte[] replaceEntry(byte[] zip, String name, byte[] content) throws IOException {
        return rewrite(zip, name, content, false);
    }

    private static byte[] rewrite(byte[] zip, String name, byte[] content, boolean add) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip));
                ZipOutputStream zipOut = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zipOut.putNextEntry(new ZipEntry(entry.getName()));
                zipOut.write(!add && entry.getName().equals(name) ? content : in.readAllBytes());
                zipOut.closeEntry();
            }
            if (add) {
                zipOut.putNextEntry(new ZipEntry(name));
                zipOut.write(content);
                zipOut.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
