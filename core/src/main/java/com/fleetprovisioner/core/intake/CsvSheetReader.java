package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV as spreadsheets save it: comma, semicolon (European Excel) or tab, detected from the header
 * line; UTF-8 with or without a byte order mark; quoted fields may hold separators and line breaks.
 * Commons CSV does the quoting rules; other encodings fail loudly instead of producing mojibake ids.
 * Lines, cells and columns are bounded ({@link SheetBounds}) while the file is read, by {@link CsvRowGuard}.
 */
final class CsvSheetReader implements SheetReader {
    private static final int SNIFF_CHARS = 64 * 1024;
    /** Why a CSV is malformed, by the end of its message key (intake.file.malformed.*), in English for the log. */
    private static final Map<String, String> REASONS = Map.of("unclosedQuote", "a quoted field is never closed",
            "textAfterQuote", "a quote is followed by text before the next separator",
            "broken", "its quoting or separators are broken");
    static final Pattern SCIENTIFIC = Pattern.compile("[+-]?\\d+(?:[.,]\\d+)?[eE][+]?\\d+");

    private final IntakeLimits limits;

    CsvSheetReader(IntakeLimits limits) {
        this.limits = limits;
    }

    @Override
    public void read(Path file, Consumer<SheetRow> rows) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            checkEncoding(head);
            try (InputStream all = Files.newInputStream(file)) {
                if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
                    all.skipNBytes(3);
                }
                parse(new BufferedReader(new InputStreamReader(all, StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)),
                        SNIFF_CHARS), rows);
            }
        } catch (CharacterCodingException e) {
            throw notUtf8();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void parse(BufferedReader reader, Consumer<SheetRow> rows) throws IOException {
        char delimiter = sniffDelimiter(reader);
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
        int count = 0;
        try (CSVParser parser = CSVParser.builder().setReader(new CsvRowGuard(reader, delimiter)).setFormat(format).get()) {
            for (CSVRecord record : parser) {
                if (++count > limits.maxRows() + 1) { // + the header row
                    throw new IntakeFileException(Text.of("intake.file.tooManyRows", limits.maxRows()),
                            "The file has more than " + limits.maxRows()
                            + " rows (FP_INTAKE_MAX_ROWS). Split it into smaller files.");
                }
                rows.accept(toRow(count, record));
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                throw notUtf8();
            }
            throw malformed(count + 1, e);
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw malformed(count + 1, e);
        }
    }

    /** Cells past the column limit are empty here: {@link CsvRowGuard} refused any that held something. */
    private static SheetRow toRow(int rowNumber, CSVRecord record) {
        int size = Math.min(record.size(), SheetBounds.MAX_COLUMNS);
        List<String> cells = new ArrayList<>(size);
        Map<Integer, SheetRow.CellNote> notes = Map.of(); // nearly every row has none
        for (int i = 0; i < size; i++) {
            String value = record.get(i);
            if (value.indexOf('\0') >= 0) {
                throw new IntakeFileException(Text.of("intake.file.binary", rowNumber),
                        "Row " + rowNumber + ": the file holds binary data, not CSV text.");
            }
            cells.add(value);
            if (value.length() <= SheetBounds.MAX_NUMBER_CHARS && mayBeScientific(value)
                    && SCIENTIFIC.matcher(value.strip()).matches()) {
                if (notes.isEmpty()) {
                    notes = new java.util.HashMap<>();
                }
                notes.put(i, new SheetRow.CellNote(SheetRow.CellNote.Kind.SCIENTIFIC_NOTATION, value.strip()));
            }
        }
        return new SheetRow(rowNumber, cells, notes);
    }

    /**
     * Whether {@link #SCIENTIFIC} can match the stripped cell at all — it starts with a sign or a digit and has an
     * e — so that not every cell of every row gets a matcher.
     */
    static boolean mayBeScientific(String value) {
        int first = 0;
        while (first < value.length() && Character.isWhitespace(value.charAt(first))) {
            first++;
        }
        if (first == value.length()) {
            return false;
        }
        char c = value.charAt(first);
        return (c == '+' || c == '-' || c >= '0' && c <= '9') && (value.indexOf('e') >= 0 || value.indexOf('E') >= 0);
    }

    /** The separator that occurs most often in the first line, outside quotes; comma on a tie. */
    private static char sniffDelimiter(BufferedReader reader) throws IOException {
        reader.mark(SNIFF_CHARS);
        char[] buffer = new char[SNIFF_CHARS];
        int read = reader.read(buffer);
        reader.reset();
        int comma = 0;
        int semicolon = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < Math.max(read, 0); i++) {
            char c = buffer[i];
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted && c == ',') {
                comma++;
            } else if (!quoted && c == ';') {
                semicolon++;
            } else if (!quoted && c == '\t') {
                tab++;
            }
        }
        if (semicolon > comma && semicolon >= tab) {
            return ';';
        }
        return tab > comma ? '\t' : ',';
    }

    private static void checkEncoding(byte[] head) {
        if (head.length >= 2 && ((head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF
                || (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE)) {
            throw new IntakeFileException(Text.of("intake.file.utf16"),
                    "The file is UTF-16 text (\"Unicode Text\"). Save it as \"CSV UTF-8\" "
                    + "and upload that.");
        }
    }

    private static IntakeFileException notUtf8() {
        return new IntakeFileException(Text.of("intake.file.notUtf8"),
                "The file is not UTF-8 text: it is another encoding (such as Windows-1252) "
                + "or not a CSV file at all. In Excel choose Save As → \"CSV UTF-8 (Comma delimited)\".");
    }

    private static IntakeFileException malformed(int row, Exception e) {
        String reason = shortReason(e);
        return new IntakeFileException(Text.of("intake.file.malformed", row, Text.of("intake.file.malformed." + reason)),
                "Row " + row + ": the CSV is malformed (" + REASONS.get(reason) + ").", e);
    }

    /** Commons CSV's reason as the end of a message key (intake.file.malformed.*); never its exception text. */
    private static String shortReason(Exception e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(' ').append(t.getMessage());
        }
        String message = all.toString().toLowerCase(java.util.Locale.ROOT);
        if (message.contains("eof reached before encapsulated token finished")) {
            return "unclosedQuote";
        }
        if (message.contains("invalid character between encapsulated token and delimiter")
                || message.contains("invalid char between encapsulated token and delimiter")) {
            return "textAfterQuote";
        }
        return "broken";
    }
}
