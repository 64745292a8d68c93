package com.fleetprovisioner.core.intake;

import static com.fleetprovisioner.core.intake.SheetFixtures.check;
import static com.fleetprovisioner.core.intake.SheetFixtures.read;
import static com.fleetprovisioner.core.intake.SheetFixtures.xlsx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cells and lines built to cost time or memory, each beside a valid neighbour: every one is refused
 * (the file) or marked (its row) with a message naming row and column, without the work it asks for.
 * The timeouts only catch a hang (the absurd number took 30 s of CPU before); speed is benchmarked.
 */
class HostileCellsTest {
    private static final Duration HANG = Duration.ofSeconds(30);
    private static final int TEN_MB = 10 * 1024 * 1024;

    @TempDir
    Path dir;

    @Test
    void aTenMegabyteLineOfCellsStopsAtTheColumnLimit() throws IOException {
        Path file = csvLine("cells.csv", "IMEI,Kind,Company\n", "a,", TEN_MB / 2);
        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> read(file)).isInstanceOf(IntakeFileException.class)
                .hasMessage("Row 2, column IW (257): the file has a value beyond column IV; a sheet may use only the "
                        + "first 256 columns. Delete the columns further right and upload again."));
    }

    @Test
    void aFileWithoutLineBreaksStopsAtTheCellOrLineLimit() throws IOException {
        Path oneCell = csvLine("cell.csv", "", "x", TEN_MB);
        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> read(oneCell))
                .hasMessage("Row 1, column A (1): the cell holds more than 32,767 characters (Excel's own limit for a "
                        + "cell). Check that the file is a device list."));
        Path separators = csvLine("commas.csv", "", ",", TEN_MB);
        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> read(separators))
                .hasMessage("Row 1: the line is longer than 262,144 characters (reading stopped in column 262,145); "
                        + "a device row needs a few hundred. Check that the file is a device list with one row per line."));
        Path quoted = csvLine("quoted.csv", "IMEI,Name\n356938035643809,\"", "a,\n", TEN_MB / 3);
        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> read(quoted))
                .hasMessageStartingWith("Row 2, column B (2): the cell holds more than 32,767 characters"));
    }

    @Test
    void emptyColumnsPastTheLimitAreIgnoredAndQuotedSeparatorsAreOneCell() {
        String trailing = ",".repeat(400);
        String longQuoted = "\"" + "x,y\n".repeat(8000) + "\"";
        Path file = SheetFixtures.csv(dir, "wide.csv", "IMEI,Kind,Company,Name" + trailing + "\n"
                + "356938035643809,genx,42," + longQuoted + trailing + "\r\n356938035643817,genx,42,\"say \"\"hi\"\"\"\n");
        List<SheetRow> rows = read(file);
        assertThat(rows).extracting(r -> r.cells().size()).containsExactly(256, 256, 4);
        assertThat(rows.get(1).cell(3)).hasSize(32_000);
        assertThat(rows.get(2).cell(3)).isEqualTo("say \"hi\"");
        assertThat(rows.get(2).rowNumber()).isEqualTo(3);
    }

    @Test
    void aValueInColumn257IsNamed() {
        Path file = SheetFixtures.csv(dir, "w.csv", "IMEI;Kind\n356938035643809;genx" + ";".repeat(255) + "note\n");
        assertThatThrownBy(() -> read(file)).hasMessageStartingWith("Row 2, column IW (257): the file has a value beyond column IV");
        Path xlsx = workbook("w.xlsx", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>IMEI</t></is></c>"
                + "<c r=\"IW1\" t=\"inlineStr\"><is><t>note</t></is></c></row>");
        assertThatThrownBy(() -> read(xlsx)).hasMessageStartingWith("Row 1, column IW (257): the file has a value beyond column IV");
        Path emptyFarRight = workbook("e.xlsx", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>IMEI</t></is></c>"
                + "<c r=\"XFD1\" s=\"0\"/></row>");
        assertThat(read(emptyFarRight).get(0).cells()).containsExactly("IMEI");
    }

    @Test
    void rowsPastTheLimitAreNeverRead() throws IOException {
        Path file = dir.resolve("many.csv");
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("IMEI\n");
            for (int i = 0; i < 1_000_000; i++) {
                out.write("35693803564380\n");
            }
        }
        AtomicInteger delivered = new AtomicInteger();
        SheetReader reader = new SheetFiles(IntakeLimits.of(4L * TEN_MB, 1000)).readerFor(file, "many.csv");
        assertThatThrownBy(() -> reader.read(file, row -> delivered.incrementAndGet()))
                .hasMessage("The file has more than 1000 rows (FP_INTAKE_MAX_ROWS). Split it into smaller files.");
        assertThat(delivered).hasValue(1001);
    }

    @Test
    void absurdNumbersInAWorkbookAreRowErrorsWithoutExpandingThem() {
        String digits = "9".repeat(5000);
        Path file = workbook("n.xlsx", header() + numberRow(2, "1E10000000") + numberRow(3, "-1.5e-10000000")
                + numberRow(4, digits) + numberRow(5, "1E10000000", "1E10000000", "1E10000000")
                + numberRow(6, "356938035643809"));
        Map<Integer, String> summaries = assertTimeoutPreemptively(HANG, () -> SheetFixtures.summaries(check(file)));
        String beyond = ", which no spreadsheet can store (at most 15 significant digits up to 1E+308): the file is "
                + "damaged or was not saved by a spreadsheet. Enter the value again as text.";
        assertThat(summaries).containsEntry(2, "error: IMEI: The cell holds the number 1E10000000" + beyond)
                .containsEntry(3, "error: IMEI: The cell holds the number -1.5e-10000000" + beyond)
                .containsEntry(4, "error: IMEI: The cell holds the number 99999999999999999999…" + beyond)
                .containsEntry(6, "valid: ");
        assertThat(summaries.get(5)).startsWith("error: IMEI: The cell holds the number 1E10000000")
                .contains("Kind: The cell holds the number 1E10000000").contains("Company: The cell holds the number");
    }

    @Test
    void absurdNumbersInACsvAreOrdinaryTextErrors() {
        Path file = SheetFixtures.csv(dir, "n.csv", "IMEI,Kind,Company,Name\n1E10000000,genx,42,\n"
                + "356938035643809,genx,1E10000000,\n356938035643817,genx,42,1E10000000\n");
        Map<Integer, String> summaries = assertTimeoutPreemptively(HANG, () -> SheetFixtures.summaries(check(file)));
        assertThat(summaries.get(2)).startsWith("error: IMEI: The value is in scientific notation (1E10000000)");
        assertThat(summaries.get(3)).isEqualTo("error: Company: The company must be a Fleet Freedom company number, "
                + "not \"1E10000000\".");
        assertThat(summaries.get(4)).isEqualTo("valid: ");
    }

    @Test
    void aMegabyteSharedStringIsRefusedNamingItsCell() throws IOException {
        byte[] base = xlsx(b -> {
            b.row(0, "IMEI", "Name");
            b.row(1, "356938035643809", "PLACEHOLDER");
        });
        String shared = new String(unzip(base, "xl/sharedStrings.xml"), StandardCharsets.UTF_8)
                .replace("PLACEHOLDER", randomLetters(1024 * 1024)); // random: a repeated letter trips the zip bomb guard first
        Path file = SheetFixtures.write(dir, "s.xlsx", XlsxSheetReaderTest.replaceEntry(base, "xl/sharedStrings.xml",
                shared.getBytes(StandardCharsets.UTF_8)));
        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> read(file)).isInstanceOf(IntakeFileException.class)
                .hasMessage("Row 2, column B (2): the cell holds more than 32,767 characters (Excel's own limit for a "
                        + "cell). Check that the file is a device list."));
        Path inline = workbook("i.xlsx", header() + "<row r=\"2\"><c r=\"C2\" t=\"inlineStr\"><is><t>"
                + "n".repeat(40_000) + "</t></is></c></row>");
        assertThatThrownBy(() -> read(inline)).hasMessageStartingWith("Row 2, column C (3): the cell holds more than 32,767");
    }

    @Test
    void controlCharactersInNamesAndPasswordsAreRowErrors() {
        Path file = SheetFixtures.csv(dir, "c.csv", "IMEI,Kind,Company,Name,Password\n"
                + "356938035643809,genx,42,Van\u0007 1,\n356938035643817,genx,42,,se\u001bcret\n"
                + "356938035643825,genx,42,\"two\nlines\ttabbed\",\n");
        Map<Integer, String> summaries = SheetFixtures.summaries(check(file));
        assertThat(summaries).containsExactly(
                Map.entry(2, "error: Name: The name contains the control character U+0007 at position 4; remove it."),
                Map.entry(3, "error: Password: The password contains a control character (an invisible code such as "
                        + "U+0007), which a device cannot be given."),
                Map.entry(4, "valid: "));
    }

    private static String randomLetters(int length) {
        java.util.Random random = new java.util.Random(11);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private Path csvLine(String name, String head, String unit, int times) throws IOException {
        Path file = dir.resolve(name);
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write(head);
            for (int i = 0; i < times; i++) {
                out.write(unit);
            }
        }
        return file;
    }

    private static String header() {
        return "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>IMEI</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>Kind"
                + "</t></is></c><c r=\"C1\" t=\"inlineStr\"><is><t>Company</t></is></c></row>";
    }

    /** IMEI (and Kind, Company when given) as numeric cells; Kind and Company default to genx and 42. */
    private static String numberRow(int row, String... numbers) {
        StringBuilder xml = new StringBuilder("<row r=\"" + row + "\">");
        String[] columns = {"A", "B", "C"};
        for (int i = 0; i < 3; i++) {
            String ref = columns[i] + row;
            if (i < numbers.length) {
                xml.append("<c r=\"").append(ref).append("\"><v>").append(numbers[i]).append("</v></c>");
            } else if (i == 1) {
                xml.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>genx</t></is></c>");
            } else {
                xml.append("<c r=\"").append(ref).append("\"><v>42</v></c>");
            }
        }
        return xml.append("</row>").toString();
    }

    /** A real workbook whose first sheet holds exactly this sheetData. */
    private Path workbook(String name, String sheetData) {
        try {
            byte[] base = xlsx(b -> b.row(0, "IMEI"));
            String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                    + "spreadsheetml/2006/main\"><sheetData>" + sheetData + "</sheetData></worksheet>";
            return SheetFixtures.write(dir, name, XlsxSheetReaderTest.replaceEntry(base, "xl/worksheets/sheet1.xml",
                    sheet.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] unzip(byte[] zip, String entryName) throws IOException {
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals(entryName)) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IllegalArgumentException("no entry " + entryName);
    }
}
