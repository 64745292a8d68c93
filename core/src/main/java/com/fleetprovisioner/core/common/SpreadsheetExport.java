package com.fleetprovisioner.core.common;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
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
 * apostrophe, and every XLSX cell is text, so ids keep their digits.
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
