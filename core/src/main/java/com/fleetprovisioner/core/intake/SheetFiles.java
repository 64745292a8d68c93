package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decides how to read an upload from its first bytes, not from its name alone: a renamed workbook is
 * still a workbook, and a legacy or macro-enabled one is refused whatever it is called.
 */
public final class SheetFiles {
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0};

    private final IntakeLimits limits;

    public SheetFiles(IntakeLimits limits) {
        this.limits = limits;
    }

    public IntakeLimits limits() {
        return limits;
    }

    /** The reader for this file, after the checks that need no parsing (size, emptiness, format). */
    public SheetReader readerFor(Path file, String fileName) {
        long size = size(file);
        if (size == 0) {
            throw new IntakeFileException(Text.of("intake.file.empty"), "The file is empty.");
        }
        if (size > limits.maxBytes()) {
            throw tooLarge(size, limits);
        }
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xlsm") || lower.endsWith(".xltm")) {
            throw new IntakeFileException(Text.of("intake.file.macros"),
                    "Macro-enabled workbooks (.xlsm) are refused. Save it as "
                    + "\"Excel Workbook (.xlsx)\" or CSV UTF-8 and upload that.");
        }
        byte[] head = head(file);
        if (startsWith(head, OLE2) || lower.endsWith(".xls")) {
            throw new IntakeFileException(Text.of("intake.file.legacyXls"),
                    "Legacy Excel 97-2003 files (.xls) are not read. Save it as "
                    + "\"Excel Workbook (.xlsx)\" or CSV UTF-8 and upload that.");
        }
        if (startsWith(head, ZIP)) {
            return new XlsxSheetReader(limits);
        }
        if (lower.endsWith(".xlsx")) {
            throw new IntakeFileException(Text.of("intake.file.notXlsx"),
                    "The file is named .xlsx but is not an Excel workbook.");
        }
        return new CsvSheetReader(limits);
    }

    /** Also for the web layer, which sees the size of an upload before storing it. */
    public static IntakeFileException tooLarge(long size, IntakeLimits limits) {
        String shown = IntakeLimits.size(size);
        String limit = IntakeLimits.size(limits.maxBytes());
        Text reason = Text.of("intake.file.tooLarge", IntakeLimits.sizeText(size), IntakeLimits.sizeText(limits.maxBytes()));
        if (shown.equals(limit)) { // just over the limit: "20 MB; the limit is 20 MB" would read as a bug
            reason = Text.of("intake.file.tooLargeBytes", size, limits.maxBytes(), IntakeLimits.sizeText(limits.maxBytes()));
            shown = String.format(java.util.Locale.ROOT, "%,d bytes", size);
            limit = String.format(java.util.Locale.ROOT, "%,d bytes (%s)", limits.maxBytes(), limit);
        }
        return new IntakeFileException(reason, "The file is " + shown + "; the limit is " + limit
                + " (FP_INTAKE_MAX_BYTES). Split it into smaller files.");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] head(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }
}
