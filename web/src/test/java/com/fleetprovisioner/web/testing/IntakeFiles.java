package com.fleetprovisioner.web.testing;

import com.fleetprovisioner.core.intake.Ids;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Device files made in the test: IMEIs with a valid check digit, CSV text and XLSX written by POI. */
public final class IntakeFiles {
    private IntakeFiles() {
    }

    /** A distinct valid IMEI for each number. */
    public static String imei(int n) {
        String body = "35693803" + String.format("%06d", n);
        return body + Ids.luhnCheckDigit(body);
    }

    public static byte[] csv(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Every row of the first sheet as the text Excel would show in each cell. */
    public static List<List<String>> readXlsx(Path file) {
        List<List<String>> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            for (Row row : workbook.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) {
                    cells.add(formatter.formatCellValue(row.getCell(c)));
                }
                rows.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Rows of cells; a Long or Integer becomes a numeric cell, as Excel stores typed numbers. */
    public static byte[] xlsx(List<List<Object>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = workbook.createSheet("Devices");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                List<Object> cells = rows.get(r);
                for (int c = 0; c < cells.size(); c++) {
                    Object value = cells.get(c);
                    if (value instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (value != null) {
                        row.createCell(c).setCellValue(value.toString());
                    }
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A real workbook whose first sheet holds exactly this {@code <sheetData>} XML: cells POI would never
     * write, such as the number 1E10000000 or a string past Excel's 32,767 characters.
     */
    public static byte[] xlsxWithSheetData(String sheetData) {
        String sheet = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                + "spreadsheetml/2006/main\"><sheetData>" + sheetData + "</sheetData></worksheet>";
        byte[] base = xlsx(List.of(List.of("IMEI")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(base));
                var zip = new java.util.zip.ZipOutputStream(out)) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                zip.putNextEntry(new java.util.zip.ZipEntry(entry.getName()));
                zip.write(entry.getName().equals("xl/worksheets/sheet1.xml") ? sheet.getBytes(StandardCharsets.UTF_8)
                        : in.readAllBytes());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** One inline-string cell of a raw sheet row. */
    public static String textCell(String ref, String text) {
        return "<c r=\"" + ref + "\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
    }

    /** A CSV line of {@code count} repetitions of {@code unit} after {@code head}: the 10 MB line of the issue. */
    public static byte[] repeated(String head, String unit, int count) {
        byte[] start = head.getBytes(StandardCharsets.UTF_8);
        byte[] one = unit.getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(start, start.length + one.length * count);
        for (int i = 0; i < count; i++) {
            System.arraycopy(one, 0, all, start.length + i * one.length, one.length);
        }
        return all;
    }
}
