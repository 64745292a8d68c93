package com.fleetprovisioner.web.render;

import com.fleetprovisioner.core.common.SpreadsheetExport;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Typed rows streamed to the response as a CSV or XLSX attachment (constant memory, whatever the count). */
public final class SpreadsheetDownload {
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private SpreadsheetDownload() {
    }

    /** @param format {@code csv} or {@code xlsx}; {@code fileName} ends in it */
    public static void send(Context ctx, String format, String fileName, String sheetName, List<String> header,
            SpreadsheetExport.ValueRows rows) {
        ctx.contentType("csv".equals(format) ? "text/csv; charset=utf-8" : XLSX);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        try (OutputStream out = ctx.outputStream()) {
            if ("csv".equals(format)) {
                SpreadsheetExport.csvValues(out, header, rows);
            } else {
                SpreadsheetExport.xlsxValues(out, sheetName, header, rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
