package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which column holds which field, found from the header row's names. A second column naming the same
 * field is ignored with a notice (the first one wins), like any column we do not know. A mapping a person
 * chose ({@link ColumnChoice}, or one remembered for the header's layout) is {@code chosen}.
 *
 * @param headerRowNumber 0 for a file whose first row is data
 */
public record HeaderMapping(int headerRowNumber, List<String> header, Map<DeviceField, Integer> columns,
        List<Text> notices, boolean chosen) {

    /** Notices kept about unused columns; the rest are counted in one more (a 256-column sheet stays readable). */
    static final int MAX_NOTICES = 20;
    /** Column names in notices are cut to this length. */
    private static final int NAME_CHARS = 40;

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
        List<Text> notices = new ArrayList<>();
        for (int i = 0; i < row.cells().size(); i++) {
            String name = Ids.normalize(row.cell(i));
            if (name.isEmpty() || i == problemsColumn(row)) {
                continue; // our problems download's own column: its old messages are not data
            }
            Optional<DeviceField> field = DeviceField.forHeader(name);
            if (field.isEmpty()) {
                notices.add(Text.of("intake.notice.unknown", shorten(name)));
            } else if (columns.containsKey(field.get())) {
                notices.add(Text.of("intake.notice.twice", shorten(name),
                        shorten(Ids.normalize(row.cell(columns.get(field.get())))), field.get().key()));
            } else {
                columns.put(field.get(), i);
            }
        }
        if (!columns.containsKey(DeviceField.ID)) {
            return Optional.empty();
        }
        return Optional.of(new HeaderMapping(row.rowNumber(), row.cells(), columns, bounded(notices), false));
    }

    /** A mapping a person chose (or one remembered for this layout): no names to match, nothing to notice. */
    static HeaderMapping chosen(int headerRowNumber, List<String> header, Map<DeviceField, Integer> columns) {
        return new HeaderMapping(headerRowNumber, header, columns, List.of(), true);
    }

    /**
     * The same mapping with a notice saying how the columns were mapped, for the preview: {@code how} makes it from
     * the list, each column by its name (quoted) or, where it has none, its number.
     */
    HeaderMapping described(Function<String, Text> how) {
        List<Text> all = new ArrayList<>(notices);
        all.add(how.apply(String.join(", ", columns.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> (e.getValue() < header.size() && !Ids.normalize(header.get(e.getValue())).isEmpty()
                        ? "\"" + shorten(Ids.normalize(header.get(e.getValue()))) + "\"" : String.valueOf(e.getValue() + 1))
                        + " → " + e.getKey().key())
                .toList())));
        return new HeaderMapping(headerRowNumber, header, columns, all, chosen);
    }

    private static List<Text> bounded(List<Text> notices) {
        if (notices.size() <= MAX_NOTICES) {
            return notices;
        }
        List<Text> kept = new ArrayList<>(notices.subList(0, MAX_NOTICES));
        kept.add(Text.of("intake.notice.more", notices.size() - MAX_NOTICES));
        return kept;
    }

    private static String shorten(String name) {
        return name.length() > NAME_CHARS ? name.substring(0, NAME_CHARS) + "…" : name;
    }

    /**
     * The column our problems download adds ("Problems" in any language we write it in, the last one with a name), or -1. A re-uploaded
     * problems file is read without it, so its old messages are never taken for data or shown again.
     */
    static int problemsColumn(SheetRow header) {
        for (int i = header.cells().size() - 1; i >= 0; i--) {
            String name = Ids.normalize(header.cell(i));
            if (!name.isEmpty()) {
                return ProblemsExport.PROBLEMS_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) ? i : -1;
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
            throw new IntakeFileException(Text.of("intake.file.noKind", headerRowNumber),
                    "Row " + headerRowNumber + " (the header) has no kind column (Kind, Type or "
                    + "Model family) and no default kind was chosen for the upload.");
        }
        if (!columns.containsKey(DeviceField.COMPANY) && defaults.company().isEmpty()) {
            throw new IntakeFileException(Text.of("intake.file.noCompany", headerRowNumber),
                    "Row " + headerRowNumber + " (the header) has no company column (Company or "
                    + "Company ID) and no default company was chosen for the upload.");
        }
    }

    private void requireChosen(IntakeDefaults defaults) {
        for (DeviceField field : List.of(DeviceField.KIND, DeviceField.COMPANY)) {
            boolean noDefault = field == DeviceField.KIND ? defaults.kind().isEmpty() : defaults.company().isEmpty();
            if (!columns.containsKey(field) && noDefault) {
                throw new IntakeFileException(Text.of("intake.file.mappingMissing", field.key()),
                        "The column mapping gives no " + field.key() + " column and no default "
                        + field.key() + " was chosen for the upload.");
            }
        }
    }

    static String expectedIdHeaders() {
        return "IMEI, ESN, Serial, Reporting ID or Device ID";
    }
}
