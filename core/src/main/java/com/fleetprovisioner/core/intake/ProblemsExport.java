package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.SpreadsheetExport;
import com.fleetprovisioner.core.common.Text;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The files people download: the rows with problems in the layout they uploaded plus a "Problems"
 * column (named in the downloader's language), ready to fix and upload again, and empty templates. Cells that a spreadsheet would run as a
 * formula (starting with = + - @, tab or CR) get a leading apostrophe; intake removes it again.
 * Nothing here ever contains a device password: stored rows hold it sealed, and the original cells
 * of the password column are blanked.
 */
public final class ProblemsExport {
    /** The problems column's header as each language's download names it (message intake.problems.header), lower-cased:
     * a re-uploaded download is recognised whichever language it was downloaded in. */
    public static final Set<String> PROBLEMS_HEADERS = Set.of("problems", "problèmes");
    static final String HEADER_KEY = "intake.problems.header";
    public static final int ROWS_PER_READ = 1000;

    private final BatchRepository batches;

    public ProblemsExport(BatchRepository batches) {
        this.batches = batches;
    }

    /** @param render a row message in the downloader's language */
    public void csv(Batch batch, OutputStream out, Function<Text, String> render) {
        SpreadsheetExport.csv(out, withProblems(batch.header(), render), rows -> forEachProblem(batch, rows, render));
    }

    /** @param render a row message in the downloader's language */
    public void xlsx(Batch batch, OutputStream out, Function<Text, String> render) {
        String header = render.apply(Text.of(HEADER_KEY));
        SpreadsheetExport.xlsx(out, header, withProblems(batch.header(), render), rows -> forEachProblem(batch, rows, render));
    }

    public static void templateCsv(OutputStream out) {
        SpreadsheetExport.csv(out, templateHeader(), rows -> { });
    }

    /** Every column formatted as Text, so Excel keeps ids' digits and leading zeros as typed. */
    public static void templateXlsx(OutputStream out) {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Devices");
            CellStyle text = SpreadsheetExport.textStyle(workbook);
            CellStyle bold = workbook.createCellStyle();
            Font font = workbook.createFont();
            font.setBold(true);
            bold.setFont(font);
            bold.setDataFormat(workbook.createDataFormat().getFormat("@"));
            List<String> header = templateHeader();
            Row row = sheet.createRow(0);
            for (int i = 0; i < header.size(); i++) {
                sheet.setDefaultColumnStyle(i, text);
                sheet.setColumnWidth(i, (i == 0 ? 22 : 14) * 256);
                row.createCell(i).setCellValue(header.get(i));
                row.getCell(i).setCellStyle(bold);
            }
            workbook.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> templateHeader() {
        return Arrays.stream(DeviceField.values()).map(DeviceField::templateHeader).toList();
    }

    private void forEachProblem(Batch batch, Consumer<List<String>> sink, Function<Text, String> render) {
        int passwordColumn = batch.mapping().flatMap(h -> h.column(DeviceField.PASSWORD)).orElse(-1);
        int width = batch.header().size();
        int after = 0;
        for (List<IntakeRow> rows = batches.pageAfter(batch.id(), RowFilter.PROBLEMS, after, ROWS_PER_READ); !rows.isEmpty();
                rows = batches.pageAfter(batch.id(), RowFilter.PROBLEMS, after, ROWS_PER_READ)) {
            for (IntakeRow row : rows) {
                List<String> cells = new ArrayList<>(row.cells());
                while (cells.size() < width) {
                    cells.add("");
                }
                if (passwordColumn >= 0 && passwordColumn < cells.size()) {
                    cells.set(passwordColumn, ""); // never kept; the person types it again
                }
                cells.add(row.summary(render));
                sink.accept(cells);
            }
            after = rows.get(rows.size() - 1).rowNumber();
        }
    }

    private static List<String> withProblems(List<String> header, Function<Text, String> render) {
        List<String> all = new ArrayList<>(header);
        all.add(render.apply(Text.of(HEADER_KEY)));
        return all;
    }
}
