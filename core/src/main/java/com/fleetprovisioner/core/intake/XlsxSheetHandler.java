package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Turns the SAX events of one worksheet into {@link SheetRow}s with each cell's text as Excel shows
 * it. Numbers in General (or "0" or Text) format give their exact digits, never "3.56938E+14" or
 * "…0"; other number formats go through POI's DataFormatter (so "000000000000000" keeps leading zeros
 * and dates read as dates). What cannot be trusted is noted on the cell for the validator.
 */
final class XlsxSheetHandler extends DefaultHandler {
    private final ReadOnlySharedStringsTable strings;
    private final StylesTable styles;
    private final int maxRows;
    private final Consumer<SheetRow> sink;
    private final DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);

    private int rowNumber;
    private int rowsSeen;
    private List<String> cells = new ArrayList<>();
    private Map<Integer, SheetRow.CellNote> notes = new HashMap<>();
    private int column;
    private int nextColumn;
    private String type;
    private int style;
    private boolean formula;
    private boolean collecting;
    private boolean overflow;
    private final StringBuilder value = new StringBuilder();

    XlsxSheetHandler(ReadOnlySharedStringsTable strings, StylesTable styles, int maxRows, Consumer<SheetRow> sink) {
        this.strings = strings;
        this.styles = styles;
        this.maxRows = maxRows;
        this.sink = sink;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        switch (name(localName, qName)) {
            case "row" -> startRow(attributes.getValue("r"));
            case "c" -> startCell(attributes);
            case "f" -> formula = true;
            case "v", "t" -> collecting = true;
            default -> { }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        switch (name(localName, qName)) {
            case "v", "t" -> collecting = false;
            case "c" -> endCell();
            case "row" -> endRow();
            default -> { }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (!collecting) {
            return;
        }
        if (value.length() + length > SheetBounds.MAX_CELL_CHARS) {
            overflow = true; // refused at the cell's end, where its column is known
        } else {
            value.append(ch, start, length);
        }
    }

    private void startRow(String r) {
        rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
        if (++rowsSeen > maxRows) {
            throw new IntakeFileException(Text.of("intake.file.tooManyRows", maxRows - 1),
                    "The sheet has more than " + (maxRows - 1)
                    + " rows (FP_INTAKE_MAX_ROWS). Split it into smaller files.");
        }
        cells = new ArrayList<>();
        notes = new HashMap<>();
        nextColumn = 0;
    }

    private void startCell(Attributes attributes) {
        String ref = attributes.getValue("r");
        column = ref == null ? nextColumn : column(ref);
        nextColumn = column + 1;
        type = attributes.getValue("t");
        String s = attributes.getValue("s");
        style = s == null ? -1 : Integer.parseInt(s);
        formula = false;
        collecting = false;
        overflow = false;
        value.setLength(0);
    }

    private void endCell() {
        if (column < 0) {
            return;
        }
        if (overflow) {
            throw SheetBounds.cellTooLong(rowNumber, column);
        }
        String text = display();
        if (column >= SheetBounds.MAX_COLUMNS) {
            if (!text.isBlank()) {
                throw SheetBounds.tooManyColumns(rowNumber, column);
            }
            return;
        }
        if (text.length() > SheetBounds.MAX_CELL_CHARS) { // a shared string: its length is only known here
            throw SheetBounds.cellTooLong(rowNumber, column);
        }
        while (cells.size() <= column) {
            cells.add("");
        }
        cells.set(column, text);
        if (formula) {
            notes.put(column, new SheetRow.CellNote(SheetRow.CellNote.Kind.FORMULA, text));
        }
    }

    private void endRow() {
        sink.accept(new SheetRow(rowNumber, cells, notes));
    }

    private String display() {
        String raw = value.toString();
        if (type == null || type.equals("n")) {
            return raw.isEmpty() ? "" : number(raw);
        }
        return switch (type) {
            case "s" -> raw.isEmpty() ? "" : strings.getItemAt(Integer.parseInt(raw.trim())).getString();
            case "b" -> "1".equals(raw) ? "TRUE" : "FALSE";
            case "e" -> {
                notes.put(column, new SheetRow.CellNote(SheetRow.CellNote.Kind.ERROR_VALUE, raw));
                yield raw;
            }
            default -> raw; // inlineStr, str (a formula's text result), d (ISO date)
        };
    }

    private String number(String raw) {
        String trimmed = raw.trim();
        if (trimmed.length() > SheetBounds.MAX_NUMBER_CHARS) {
            return absurd(trimmed);
        }
        BigDecimal number;
        try {
            number = new BigDecimal(trimmed);
        } catch (NumberFormatException notANumber) {
            return raw;
        }
        if (SheetBounds.beyondDouble(number)) {
            return absurd(trimmed);
        }
        short formatIndex = 0;
        String format = "General";
        if (style >= 0 && style < styles.getNumCellStyles()) {
            XSSFCellStyle cellStyle = styles.getStyleAt(style);
            formatIndex = cellStyle.getDataFormat();
            format = cellStyle.getDataFormatString() != null ? cellStyle.getDataFormatString()
                    : BuiltinFormats.getBuiltinFormat(formatIndex);
        }
        boolean integral = number.signum() == 0 || number.stripTrailingZeros().scale() <= 0;
        if (integral && (format == null || format.equalsIgnoreCase("General") || format.equals("0") || format.equals("@"))) {
            noteRounding(number, format, ""); // these formats never show an exponent: DataFormatter is not needed
            return number.toBigInteger().toString();
        }
        String shown = formatter.formatRawCellContents(number.doubleValue(), formatIndex, format == null ? "General" : format);
        if (integral) {
            noteRounding(number, format, shown);
        }
        return shown;
    }

    /** Checked before any digit is expanded: 1E10000000 as a BigInteger costs half a minute of CPU. */
    private String absurd(String trimmed) {
        notes.put(column, new SheetRow.CellNote(SheetRow.CellNote.Kind.ABSURD_NUMBER, SheetBounds.shortNumber(trimmed)));
        return SheetBounds.shortNumber(trimmed);
    }

    /**
     * Excel keeps 15 significant digits, and a long id typed into a General cell is shown (and often
     * saved) as 3.56938E+14: the digits past the sixth are gone for good. Such a number has many digits
     * but few significant ones (3.56938E+14 keeps 6). Six trailing zeros flag it: one real id in a million ends so.
     */
    private void noteRounding(BigDecimal number, String format, String shown) {
        String digits = number.toBigInteger().abs().toString();
        int significant = number.stripTrailingZeros().precision();
        if (format != null && format.toUpperCase(java.util.Locale.ROOT).contains("E+")) {
            notes.put(column, new SheetRow.CellNote(SheetRow.CellNote.Kind.SCIENTIFIC_NOTATION, shown));
        } else if (digits.length() > 15) {
            notes.put(column, new SheetRow.CellNote(SheetRow.CellNote.Kind.ROUNDED_NUMBER,
                    digits.length() + "-digit number, of which Excel kept only 15 significant digits"));
        } else if (digits.length() >= 12 && digits.length() - significant >= 6) {
            notes.put(column, new SheetRow.CellNote(SheetRow.CellNote.Kind.ROUNDED_NUMBER,
                    digits.length() + "-digit number with only " + significant + " significant digits"));
        }
    }

    /** "AB12" → 27 (0-based); POI's CellReference costs more than the rest of the cell. Past the limits it stays past them. */
    private int column(String ref) {
        int col = 0;
        int i = 0;
        for (; i < ref.length() && col < 1_000_000; i++) {
            char c = Character.toUpperCase(ref.charAt(i));
            if (c < 'A' || c > 'Z') {
                break;
            }
            col = col * 26 + (c - 'A' + 1);
        }
        return i == 0 ? nextColumn : col - 1;
    }

    private static String name(String localName, String qName) {
        String n = localName == null || localName.isEmpty() ? qName : localName;
        int colon = n.indexOf(':');
        return colon < 0 ? n : n.substring(colon + 1);
    }
}
