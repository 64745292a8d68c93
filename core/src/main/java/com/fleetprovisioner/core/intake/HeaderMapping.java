package com.fleetprovisioner.core.intake;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which column holds which field, found from the header row's names. A second column naming the same
 * field is ignored with a notice (the first one wins), like any column we do not know. A mapping a person
 * chose ({@link ColumnChoice}, or one remembered for the header's layout) is {@code chosen}.
 *
 * @param headerRowNumber 0 for a file whose first row is data
 */
public record HeaderMapping(int headerRowNumber, List<String> header, Map<DeviceField, Integer> columns,
        List<String> notices, boolean chosen) {

    /** Title lines above the header are common in vendor sheets; the header is searched this far down. */
    public static final int HEADER_SEARCH_ROWS = 20;

    public HeaderMapping {
        header = List.copyOf(header);
        columns = Map.copyOf(columns);
        notices = List.copyOf(notices);
    }

    /** The mapping when this row is the header: it must name an id column. */
    public static Optional<HeaderMapping> tryHeader(SheetRow row) {
        Map<DeviceField, Integer> columns = new EnumMap<>(DeviceField.class);
        List<String> notices = new ArrayList<>();
        for (int i = 0; i < row.cells().size(); i++) {
            String name = Ids.normalize(row.cell(i));
            if (name.isEmpty() || i == problemsColumn(row)) {
                continue; // our problems download's own column: its old messages are not data
            }
            Optional<DeviceField> field = DeviceField.forHeader(name);
            if (field.isEmpty()) {
                notices.add("Column \"" + name + "\" is not used (unknown name).");
            } else if (columns.containsKey(field.get())) {
                notices.add("Column \"" + name + "\" is not used: column \""
                        + Ids.normalize(row.cell(columns.get(field.get()))) + "\" already gives the " + field.get().key() + ".");
            } else {
                columns.put(field.get(), i);
            }
        }
        if (!columns.containsKey(DeviceField.ID)) {
            return Optional.empty();
        }
        return Optional.of(new HeaderMapping(row.rowNumber(), row.cells(), columns, notices, false));
    }

    /** A mapping a person chose (or one remembered for this layout): no names to match, nothing to notice. */
    static HeaderMapping chosen(int headerRowNumber, List<String> header, Map<DeviceField, Integer> columns) {
        return new HeaderMapping(headerRowNumber, header, columns, List.of(), true);
    }

    /** The same mapping with a notice saying how the columns were mapped, for the preview. */
    HeaderMapping described(String how) {
        List<String> all = new ArrayList<>(notices);
        all.add(how + " " + String.join(", ", columns.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> "\"" + (e.getValue() < header.size() && !Ids.normalize(header.get(e.getValue())).isEmpty()
                        ? Ids.normalize(header.get(e.getValue())) : "Column " + (e.getValue() + 1)) + "\" → " + e.getKey().key())
                .toList()) + ".");
        return new HeaderMapping(headerRowNumber, header, columns, all, chosen);
    }

    /**
     * The column our problems download adds ("Problems", the last one with a name), or -1. A re-uploaded
     * problems file is read without it, so its old messages are never taken for data or shown again.
     */
    static int problemsColumn(SheetRow header) {
        for (int i = header.cells().size() - 1; i >= 0; i--) {
            String name = Ids.normalize(header.cell(i));
            if (!name.isEmpty()) {
                return name.equalsIgnoreCase(ProblemsExport.PROBLEMS_HEADER) ? i : -1;
            }
        }
        return -1;
    }

    /**
     * What identifies a header layout, so that a confirmed mapping applies to the next file laid out alike:
     * the SHA-256 of its normalised, lower-cased cells (trailing empty ones and a problems column left out).
     */
    public static String layoutKey(SheetRow header) {
        int problems = problemsColumn(header);
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < header.cells().size(); i++) {
            cells.add(i == problems ? "" : Ids.normalize(header.cell(i)).toLowerCase(java.util.Locale.ROOT));
        }
        while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
            cells.remove(cells.size() - 1);
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\u001F", cells).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Which field a column gives, if any. */
    public Optional<DeviceField> fieldAt(int column) {
        return columns.entrySet().stream().filter(e -> e.getValue() == column).map(Map.Entry::getKey).findFirst();
    }

    public Optional<Integer> column(DeviceField field) {
        return Optional.ofNullable(columns.get(field));
    }

    /** The column's name as the file spells it, for messages. */
    public String columnName(DeviceField field) {
        Integer index = columns.get(field);
        return index == null ? field.templateHeader() : Ids.normalize(header.get(index));
    }

    public String value(SheetRow row, DeviceField field) {
        Integer index = columns.get(field);
        return index == null ? "" : row.cell(index);
    }

    /** A file-level error when a required column is missing and no batch default stands in. */
    public void requireColumns(IntakeDefaults defaults) {
        if (chosen) {
            requireChosen(defaults);
            return;
        }
        if (!columns.containsKey(DeviceField.KIND) && defaults.kind().isEmpty()) {
            throw new IntakeFileException("Row " + headerRowNumber + " (the header) has no kind column (Kind, Type or "
                    + "Model family) and no default kind was chosen for the upload.");
        }
        if (!columns.containsKey(DeviceField.COMPANY) && defaults.company().isEmpty()) {
            throw new IntakeFileException("Row " + headerRowNumber + " (the header) has no company column (Company or "
                    + "Company ID) and no default company was chosen for the upload.");
        }
    }

    private void requireChosen(IntakeDefaults defaults) {
        for (DeviceField field : List.of(DeviceField.KIND, DeviceField.COMPANY)) {
            boolean noDefault = field == DeviceField.KIND ? defaults.kind().isEmpty() : defaults.company().isEmpty();
            if (!columns.containsKey(field) && noDefault) {
                throw new IntakeFileException("The column mapping gives no " + field.key() + " column and no default "
                        + field.key() + " was chosen for the upload.");
            }
        }
    }

    static String expectedIdHeaders() {
        return "IMEI, ESN, Serial, Reporting ID or Device ID";
    }
}
