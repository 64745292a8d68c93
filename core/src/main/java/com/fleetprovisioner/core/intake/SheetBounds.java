package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import java.math.BigDecimal;
import java.util.Locale;
import org.apache.poi.ss.util.CellReference;

/**
 * How much one row and one cell may hold, the same for CSV and XLSX, so that a hostile file costs
 * microseconds per cell and a bounded amount of memory per row before anything is refused. A device
 * row needs a few short cells; these limits are far above that and at Excel's own where it has one.
 */
final class SheetBounds {
    /** Columns A to IV. Excel allows 16,384; a device list needs a handful. */
    static final int MAX_COLUMNS = 256;
    /** Excel's own limit for the text of one cell. */
    static final int MAX_CELL_CHARS = 32_767;
    /** One line of a CSV file (all its cells and separators); a device row needs a few hundred characters. */
    static final int MAX_LINE_CHARS = 256 * 1024;
    /** Excel writes at most 17 significant digits and an exponent; anything longer was not written by a spreadsheet. */
    static final int MAX_NUMBER_CHARS = 40;
    /** A double's range, which is what a spreadsheet number is: 1.8E+308 at most. */
    static final int MAX_EXPONENT = 308;

    private SheetBounds() {
    }

    /** The column as a spreadsheet names it, with its number: "IW (257)". */
    static String column(int index) {
        return CellReference.convertNumToColString(index) + " (" + (index + 1) + ")";
    }

    static IntakeFileException tooManyColumns(int row, int column) {
        return new IntakeFileException(Text.of("intake.file.tooManyColumns", row, column(column), MAX_COLUMNS),
                String.format(Locale.ROOT, "Row %d, column %s: the file has a value beyond "
                + "column IV; a sheet may use only the first %d columns. Delete the columns further right and upload "
                + "again.", row, column(column), MAX_COLUMNS));
    }

    static IntakeFileException cellTooLong(int row, int column) {
        return new IntakeFileException(Text.of("intake.file.cellTooLong", row, column(column), MAX_CELL_CHARS),
                String.format(Locale.ROOT, "Row %d, column %s: the cell holds more than %,d "
                + "characters (Excel's own limit for a cell). Check that the file is a device list.",
                row, column(column), MAX_CELL_CHARS));
    }

    static IntakeFileException lineTooLong(int row, int column) {
        return new IntakeFileException(Text.of("intake.file.lineTooLong", row, MAX_LINE_CHARS, column + 1),
                String.format(Locale.ROOT, "Row %d: the line is longer than %,d characters "
                + "(reading stopped in column %,d); a device row needs a few hundred. Check that the file is a device "
                + "list with one row per line.", row, MAX_LINE_CHARS, column + 1));
    }

    /**
     * A number no spreadsheet could have stored: beyond a double's exponent. Reads the BigDecimal's
     * exponent field only (its text was at most {@link #MAX_NUMBER_CHARS} long), never its digits:
     * 1E10000000 stays four bytes.
     */
    static boolean beyondDouble(BigDecimal number) {
        long adjustedExponent = (long) number.precision() - number.scale() - 1;
        return number.signum() != 0 && Math.abs(adjustedExponent) > MAX_EXPONENT;
    }

    /** A number's text for a message: at most 20 characters. */
    static String shortNumber(String trimmed) {
        return trimmed.length() > 20 ? trimmed.substring(0, 20) + "…" : trimmed;
    }
}
