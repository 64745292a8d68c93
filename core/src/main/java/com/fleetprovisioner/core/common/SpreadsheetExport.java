package com.fleetprovisioner.core.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Tables people download, as CSV or XLSX, streamed row by row (constant memory whatever the count).
 * Every cell a spreadsheet would run as a formula (starting with = + - @, tab or CR) gets a leading
 * apostrophe. A row's values are text (ids among them, so they keep every digit), whole numbers, or
 * instants: XLSX stores numbers as numbers and instants as dates (in UTC, with a date format), CSV
 * writes numbers plainly and instants in ISO 8601.
 */
public final class SpreadsheetExport {
    /** Rows SXSSF keeps in memory; the rest goes to a temporary file until the workbook is written. */
    private static final int XLSX_WINDOW = 100;

    private SpreadsheetExport() {
    }

    /** The rows of a table, pushed one by one into the writer. */
    public interface Rows {
        void writeTo(Consumer<List<String>> row);
    }

    /**
     * Rows of typed values: {@code String} (text), {@code Long} or {@code Integer} (a number), {@code Instant}
     * (a date and time), {@code null} (an empty cell).
     */
    public interface ValueRows {
        void writeTo(Consumer<List<Object>> row);
    }

    /** The format of instants in XLSX: UTC, to the millisecond, sorting as text sorts. */
    static final String DATE_FORMAT = "yyyy-mm-dd hh:mm:ss.000";

    public static void csvValues(OutputStream out, List<String> header, ValueRows rows) {
        csv(out, header, sink -> rows.writeTo(values -> sink.accept(values.stream().map(SpreadsheetExport::asText).toList())));
    }

    public static void xlsxValues(OutputStream out, String sheetName, List<String> header, ValueRows rows) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(XLSX_WINDOW)) {
            Sheet sheet = workbook.createSheet(sheetName);
            CellStyle text = textStyle(workbook);
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.createDataFormat().getFormat(DATE_FORMAT));
            int[] next = {0};
            writeRow(sheet.createRow(next[0]++), header, text);
            rows.writeTo(values -> {
                Row row = sheet.createRow(next[0]++);
                for (int i = 0; i < values.size(); i++) {
                    writeValue(row, i, values.get(i), text, date);
                }
            });
            workbook.write(out);
            workbook.dispose();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeValue(Row row, int column, Object value, CellStyle text, CellStyle date) {
        if (value == null) {
            return;
        }
        var cell = row.createCell(column);
        if (value instanceof Instant at) {
            cell.setCellStyle(date);
            cell.setCellValue(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
        } else if (value instanceof Long || value instanceof Integer) {
            cell.setCellValue(((Number) value).doubleValue());
        } else {
            cell.setCellStyle(text);
            cell.setCellValue(neutralise(value.toString()));
        }
    }

    private static String asText(Object value) {
        return value == null ? "" : value.toString();
    }

    public static void csv(OutputStream out, List<String> header, Rows rows) {
        try {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            writer.write('\uFEFF'); // Excel reads a BOM-less CSV in the local code page
            CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
            printer.printRecord(header.stream().map(SpreadsheetExport::neutralise).toList());
            rows.writeTo(cells -> {
                try {
                    printer.printRecord(cells.stream().map(SpreadsheetExport::neutralise).toList());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void xlsx(OutputStream out, String sheetName, List<String> header, Rows rows) {
        try (SXSSFWorkbook workbook = new SXSSFWorkbook(XLSX_WINDOW)) {
            Sheet sheet = workbook.createSheet(sheetName);
            CellStyle text = textStyle(workbook);
            int[] next = {0};
            writeRow(sheet.createRow(next[0]++), header, text);
            rows.writeTo(cells -> writeRow(sheet.createRow(next[0]++), cells, text));
            workbook.write(out);
            workbook.dispose();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell a spreadsheet would otherwise evaluate, made inert. */
    public static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    /** Every column formatted as Text, so Excel keeps ids' digits and leading zeros as typed. */
    public static CellStyle textStyle(Workbook workbook) {
        CellStyle text = workbook.createCellStyle();
        text.setDataFormat(workbook.createDataFormat().getFormat("@"));
        return text;
    }

    private static void writeRow(Row row, List<String> cells, CellStyle text) {
        for (int i = 0; i < cells.size(); i++) {
            var cell = row.createCell(i);
            cell.setCellStyle(text);
            cell.setCellValue(neutralise(cells.get(i)));
        }
    }
}
