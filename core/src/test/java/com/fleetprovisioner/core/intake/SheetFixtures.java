package com.fleetprovisioner.core.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Files made in the test: CSV as text, XLSX through POI, the way Excel writes them. */
final class SheetFixtures {
    static final Set<Long> COMPANIES = Set.of(42L, 43L);

    private SheetFixtures() {
    }

    static Path csv(Path dir, String name, String text) {
        return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            Path file = dir.resolve(name);
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A workbook built by the caller on its first sheet. */
    static byte[] xlsx(Consumer<XlsxBuilder> build) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            build.accept(new XlsxBuilder(workbook, workbook.createSheet("Devices")));
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record XlsxBuilder(XSSFWorkbook workbook, Sheet sheet) {
        Row row(int index, Object... values) {
            Row row = sheet.createRow(index);
            for (int i = 0; i < values.length; i++) {
                Cell cell = row.createCell(i);
                if (values[i] instanceof Number n) {
                    cell.setCellValue(n.doubleValue());
                } else if (values[i] != null) {
                    cell.setCellValue(values[i].toString());
                }
            }
            return row;
        }

        CellStyle format(String pattern) {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(pattern));
            return style;
        }
    }

    static List<SheetRow> read(Path file, IntakeLimits limits) {
        List<SheetRow> rows = new ArrayList<>();
        new SheetFiles(limits).readerFor(file, file.getFileName().toString()).read(file, rows::add);
        return rows;
    }

    static List<SheetRow> read(Path file) {
        return read(file, IntakeLimits.defaults());
    }

    /** Reads and validates every row after the header (no duplicate or database checks). */
    static List<IntakeRow> check(Path file, IntakeDefaults defaults) {
        List<SheetRow> rows = read(file);
        HeaderMapping header = HeaderMapping.tryHeader(rows.get(0)).orElseThrow();
        header.requireColumns(defaults);
        RowValidator validator = new RowValidator(defaults, COMPANIES);
        return rows.subList(1, rows.size()).stream().filter(r -> !r.blank()).map(r -> validator.check(r, header)).toList();
    }

    static List<IntakeRow> check(Path file) {
        return check(file, IntakeDefaults.none());
    }

    static Map<Integer, String> summaries(List<IntakeRow> rows) {
        Map<Integer, String> out = new java.util.LinkedHashMap<>();
        rows.forEach(r -> out.put(r.rowNumber(), r.status().id() + ": " + r.summary(EnglishTexts::render)));
        return out;
    }
}
