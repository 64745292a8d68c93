package com.fleetprovisioner.core.intake;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which column holds which field, found from the header row's names. A second column naming the same
 * field is ignored with a notice (the first one wins), like any column we do not know.
 */
public record HeaderMapping(int headerRowNumber, List<String> header, Map<DeviceField, Integer> columns,
        List<String> notices) {

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
            if (name.isEmpty()) {
                continue;
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
        return Optional.of(new HeaderMapping(row.rowNumber(), row.cells(), columns, notices));
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
        if (!columns.containsKey(DeviceField.KIND) && defaults.kind().isEmpty()) {
            throw new IntakeFileException("Row " + headerRowNumber + " (the header) has no kind column (Kind, Type or "
                    + "Model family) and no default kind was chosen for the upload.");
        }
        if (!columns.containsKey(DeviceField.COMPANY) && defaults.company().isEmpty()) {
            throw new IntakeFileException("Row " + headerRowNumber + " (the header) has no company column (Company or "
                    + "Company ID) and no default company was chosen for the upload.");
        }
    }

    static String expectedIdHeaders() {
        return "IMEI, ESN, Serial, Reporting ID or Device ID";
    }
}
