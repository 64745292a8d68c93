package com.fleetprovisioner.core.intake;

import java.io.IOException;
import java.io.Reader;

/**
 * Sits between the file and Commons CSV and refuses a row while it is being read: Commons CSV builds a
 * whole record (every cell of a 10 MB line) before its caller sees any of it. Follows the RFC 4180
 * quoting Commons CSV applies — a quote opens a quoted cell only at the cell's start, {@code ""} inside
 * one is a quote, separators and line breaks inside one belong to the cell — so rows and columns are
 * counted as the parser will count them. After a quoting error the parser fails on its own.
 */
final class CsvRowGuard extends Reader {
    private final Reader in;
    private final char delimiter;
    private int row = 1;
    private int column;
    private int cellChars;
    private int lineChars;
    private boolean cellStart = true;
    private boolean quoted;
    private boolean quoteInQuoted;
    private boolean afterCarriageReturn;

    CsvRowGuard(Reader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        for (int i = 0; i < n; i++) {
            see(buffer[offset + i]);
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private void see(char c) {
        if (++lineChars > SheetBounds.MAX_LINE_CHARS) {
            throw SheetBounds.lineTooLong(row, column);
        }
        if (quoted) {
            if (quoteInQuoted) {
                quoteInQuoted = false;
                if (c == '"') { // "" is one quote in the cell
                    content();
                    return;
                }
                quoted = false; // the quote closed the cell; c is read as outside quotes
            } else {
                if (c == '"') {
                    quoteInQuoted = true;
                } else {
                    content();
                }
                return;
            }
        }
        outsideQuotes(c);
    }

    private void outsideQuotes(char c) {
        boolean lineFeedOfCrLf = afterCarriageReturn && c == '\n';
        afterCarriageReturn = false;
        if (lineFeedOfCrLf) {
            lineChars = 0;
        } else if (c == '\n' || c == '\r') {
            afterCarriageReturn = c == '\r';
            row++;
            column = 0;
            cellChars = 0;
            lineChars = 0;
            cellStart = true;
        } else if (c == delimiter) {
            column++;
            cellChars = 0;
            cellStart = true;
        } else if (c == '"' && cellStart) {
            quoted = true;
            cellStart = false;
        } else {
            cellStart = false;
            content();
        }
    }

    private void content() {
        if (column >= SheetBounds.MAX_COLUMNS) {
            throw SheetBounds.tooManyColumns(row, column);
        }
        if (++cellChars > SheetBounds.MAX_CELL_CHARS) {
            throw SheetBounds.cellTooLong(row, column);
        }
    }
}
