package com.fleetprovisioner.core.intake;

import static com.fleetprovisioner.core.intake.SheetFixtures.csv;
import static com.fleetprovisioner.core.intake.SheetFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSheetReaderTest {
    @TempDir
    Path dir;

    @Test
    void commaSemicolonAndTabAreDetected() {
        for (String separator : List.of(",", ";", "\t")) {
            Path file = csv(dir, "d.csv", String.join(separator, "IMEI", "Kind", "Company") + "\n"
                    + String.join(separator, "356938035643809", "genx", "42") + "\n");
            assertThat(read(file)).extracting(SheetRow::cells)
                    .containsExactly(List.of("IMEI", "Kind", "Company"), List.of("356938035643809", "genx", "42"));
        }
    }

    @Test
    void quotedFieldsKeepSeparatorsAndLineBreaksAndRowNumbersCountRecords() {
        Path file = csv(dir, "d.csv", "IMEI;Name;Kind\r\n\"356938035643809\";\"Van; \"\"north\"\"\nsecond line\";genx\r\n"
                + "356938035643817;plain;genx\r\n");
        List<SheetRow> rows = read(file);
        assertThat(rows.get(1).cells()).containsExactly("356938035643809", "Van; \"north\"\nsecond line", "genx");
        assertThat(rows.get(2).rowNumber()).isEqualTo(3);
    }

    @Test
    void aUtf8ByteOrderMarkIsSkipped() {
        byte[] body = "IMEI,Kind\n356938035643809,genx\n".getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        assertThat(read(SheetFixtures.write(dir, "bom.csv", withBom)).get(0).cells()).containsExactly("IMEI", "Kind");
    }

    @Test
    void otherEncodingsAreRefusedWithAClearMessage() {
        Path windows = SheetFixtures.write(dir, "w.csv", "IMEI,Name\n356938035643809,Müller\n".getBytes(Charset.forName("windows-1252")));
        assertThatThrownBy(() -> read(windows)).isInstanceOf(IntakeFileException.class)
                .hasMessageStartingWith("The file is not UTF-8 text").hasMessageContaining("CSV UTF-8");
        Path utf16 = SheetFixtures.write(dir, "u.csv", "IMEI,Name\n".getBytes(StandardCharsets.UTF_16));
        assertThatThrownBy(() -> read(utf16)).hasMessageStartingWith("The file is UTF-16 text");
    }

    @Test
    void emptyGarbageAndBrokenQuotesAreCleanErrors() {
        assertThatThrownBy(() -> read(SheetFixtures.write(dir, "e.csv", new byte[0]))).hasMessage("The file is empty.");
        assertThatThrownBy(() -> read(SheetFixtures.write(dir, "g.csv", new byte[] {'I', 'M', 0, 1, 2, '\n'})))
                .isInstanceOf(IntakeFileException.class).hasMessage("Row 1: the file holds binary data, not CSV text.");
        assertThatThrownBy(() -> read(csv(dir, "q.csv", "IMEI,Kind\n\"356938035643809,genx\n")))
                .isInstanceOf(IntakeFileException.class).hasMessage("Row 2: the CSV is malformed (a quoted field is never closed).");
    }

    @Test
    void sizesReadNaturally() {
        assertThat(List.of(IntakeLimits.size(2048), IntakeLimits.size(20L * 1024 * 1024), IntakeLimits.size(26_528_000)))
                .containsExactly("2,048 bytes", "20 MB", "25.3 MB");
    }

    @Test
    void limitsAreCheckedEarlyAndNamed() {
        Path file = csv(dir, "l.csv", "IMEI\n1234567890\n1234567891\n1234567892\n");
        assertThatThrownBy(() -> read(file, IntakeLimits.of(1024, 2)))
                .hasMessage("The file has more than 2 rows (FP_INTAKE_MAX_ROWS). Split it into smaller files.");
        assertThatThrownBy(() -> read(file, IntakeLimits.of(10, 100)))
                .hasMessage("The file is 38 bytes; the limit is 10 bytes (FP_INTAKE_MAX_BYTES). Split it into smaller files.");
        assertThat(SheetFiles.tooLarge(20L * 1024 * 1024 + 1, IntakeLimits.defaults())).hasMessage("The file is "
                + "20,971,521 bytes; the limit is 20,971,520 bytes (20 MB) (FP_INTAKE_MAX_BYTES). Split it into smaller files.");
    }
}
