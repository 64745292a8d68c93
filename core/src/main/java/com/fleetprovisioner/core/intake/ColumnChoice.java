package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which column holds which field, as a person chose it (the mapping step, the API's {@code mapping} part)
 * instead of as the header's names say. A column is named by its header as the file spells it or by its
 * 1-based number; a file whose first row is data is mapped by number only.
 */
public record ColumnChoice(Map<String, DeviceField> columns, boolean firstRowIsData) {
    /** What a field choice may also say: the column is not used. */
    public static final String IGNORE = "ignore";
    /** A mapping as the API's part {@code mapping} gives it, for messages that show one. */
    public static final String EXAMPLE = "{\"Tracker IMEI\":\"id\",\"Device Type\":\"kind\"}";

    public ColumnChoice {
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** From column (header or number) → field key as a request gives them; refused with a message naming the problem. */
    public static ColumnChoice parse(Map<String, String> raw, boolean firstRowIsData) {
        if (raw.size() > SheetBounds.MAX_COLUMNS) {
            throw invalid("mapping.error.tooMany", raw.size(), SheetBounds.MAX_COLUMNS);
        }
        Map<String, DeviceField> columns = new LinkedHashMap<>();
        Map<DeviceField, String> byField = new EnumMap<>(DeviceField.class);
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            String column = column(entry.getKey());
            Optional<DeviceField> field = chosenField(column, entry.getValue());
            if (field.isEmpty()) {
                continue;
            }
            if (byField.containsKey(field.get())) {
                throw invalid("mapping.error.twice", shorten(byField.get(field.get())), shorten(column), field.get().key());
            }
            checkColumn(column, firstRowIsData);
            byField.put(field.get(), column);
            columns.put(column, field.get());
        }
        if (!byField.containsKey(DeviceField.ID)) {
            throw invalid("mapping.error.noId");
        }
        return new ColumnChoice(columns, firstRowIsData);
    }

    /** A column as a request names it (its header or its number), normalised; refused when empty or too long. */
    private static String column(String raw) {
        String column = Ids.normalize(raw == null ? "" : raw);
        if (column.isEmpty() || column.length() > 200) {
            throw invalid("mapping.error.column", 200);
        }
        return column;
    }

    /** The field chosen for a column, empty when it is not used; refused when it names no field. */
    private static Optional<DeviceField> chosenField(String column, String raw) {
        String value = Ids.normalize(raw == null ? "" : raw).toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals(IGNORE)) {
            return Optional.empty();
        }
        return Optional.of(field(value).orElseThrow(() -> invalid("mapping.error.field", shorten(column),
                shorten(value), fieldKeys(), IGNORE)));
    }

    /** A column number must be one a sheet may have; a file without a header row is mapped by number only. */
    private static void checkColumn(String column, boolean firstRowIsData) {
        number(column).ifPresentOrElse(n -> {
            if (n < 1 || n > SheetBounds.MAX_COLUMNS) {
                throw invalid("mapping.error.range", shorten(column), SheetBounds.MAX_COLUMNS);
            }
        }, () -> {
            if (firstRowIsData) {
                throw invalid("mapping.error.noHeader", shorten(column));
            }
        });
    }

    /** The mapping step's choice: 0-based column index → field. */
    public static ColumnChoice ofIndexes(Map<DeviceField, Integer> fields, boolean firstRowIsData) {
        Map<String, String> raw = new LinkedHashMap<>();
        fields.forEach((field, index) -> raw.put(String.valueOf(index + 1), field.key()));
        return parse(raw, firstRowIsData);
    }

    /**
     * The mapping on this row as the header (or as the first data row's layout): empty when the row does
     * not have the columns named; a column number beyond the row is the file's problem.
     */
    Optional<HeaderMapping> resolve(SheetRow row, int width) {
        Map<DeviceField, Integer> found = new EnumMap<>(DeviceField.class);
        for (Map.Entry<String, DeviceField> entry : columns.entrySet()) {
            Optional<Integer> number = number(entry.getKey());
            int index = number.map(n -> n - 1).orElseGet(() -> indexOf(row, entry.getKey()));
            if (index < 0) {
                return Optional.empty();
            }
            if (index >= width) {
                throw new IntakeFileException(Text.of("intake.file.mappingBeyond", index + 1, entry.getValue().key(), width),
                        "The mapping gives column " + (index + 1) + " as " + entry.getValue().key()
                        + ", but the file has " + width + " column" + (width == 1 ? "" : "s") + ".");
            }
            found.put(entry.getValue(), index);
        }
        return Optional.of(found).map(f -> firstRowIsData ? HeaderMapping.chosen(0, numbered(width), f)
                : HeaderMapping.chosen(row.rowNumber(), row.cells(), f));
    }

    /** The header shown for a file without one: "Column 1", "Column 2", … */
    static List<String> numbered(int width) {
        List<String> header = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
            header.add("Column " + i);
        }
        return header;
    }

    private static int indexOf(SheetRow row, String header) {
        for (int i = 0; i < row.cells().size(); i++) {
            if (Ids.normalize(row.cell(i)).equalsIgnoreCase(header)) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<Integer> number(String column) {
        if (column.length() > 9 || !RowValidator.digits(column)) {
            return column.length() > 9 && RowValidator.digits(column) ? Optional.of(Integer.MAX_VALUE) : Optional.empty();
        }
        return Optional.of(Integer.parseInt(column));
    }

    private static Optional<DeviceField> field(String key) {
        return Arrays.stream(DeviceField.values()).filter(f -> f.key().equals(key)).findFirst();
    }

    static String fieldKeys() {
        return String.join(", ", Arrays.stream(DeviceField.values()).map(DeviceField::key).toList());
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static ValidationException invalid(String key, Object... args) {
        return ValidationException.of("mapping", key, args);
    }
}
