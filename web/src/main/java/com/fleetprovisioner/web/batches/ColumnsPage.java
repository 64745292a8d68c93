package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.intake.ColumnChoice;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.core.intake.SheetRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The column mapping step: each column of the file with its header and a few sample values, and the
 * field chosen for it, pre-filled from a mapping remembered for the layout or from the known names.
 */
public record ColumnsPage(String token, String fileName, List<ColumnView> columns, List<String> fields,
        boolean firstRowIsData, boolean remembered, Optional<Long> replaces, Map<String, String> errors) {

    static final int SAMPLE_ROWS = 6;

    /** One column: its 1-based number, header (empty when the first row is data), samples and the chosen field key. */
    public record ColumnView(int number, String header, List<String> samples, String field) {
    }

    /**
     * @param chosen the fields as the person chose them (a form shown again); empty: pre-filled
     */
    static ColumnsPage of(StagedUploads.Staged staged, List<SheetRow> sample, boolean firstRowIsData,
            Optional<Map<DeviceField, Integer>> remembered, Map<Integer, String> chosen, Optional<Long> replaces,
            Map<String, String> errors) {
        int width = Math.min(256, sample.stream().mapToInt(r -> r.cells().size()).max().orElse(0));
        SheetRow header = sample.isEmpty() ? new SheetRow(1, List.of(), Map.of()) : sample.get(0);
        List<SheetRow> data = firstRowIsData || sample.isEmpty() ? sample : sample.subList(1, sample.size());
        Map<Integer, DeviceField> prefill = prefill(header, remembered, firstRowIsData);
        List<ColumnView> columns = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            int column = i;
            String field = chosen.isEmpty() ? Optional.ofNullable(prefill.get(i)).map(DeviceField::key).orElse("")
                    : chosen.getOrDefault(i + 1, "");
            columns.add(new ColumnView(i + 1, firstRowIsData ? "" : header.cell(i),
                    data.stream().limit(SAMPLE_ROWS - 1).map(r -> r.cell(column)).toList(), field));
        }
        List<String> fields = Arrays.stream(DeviceField.values()).map(DeviceField::key).toList();
        return new ColumnsPage(staged.token(), staged.fileName(), columns, fields, firstRowIsData,
                chosen.isEmpty() && remembered.isPresent() && !firstRowIsData, replaces, errors);
    }

    private static Map<Integer, DeviceField> prefill(SheetRow header, Optional<Map<DeviceField, Integer>> remembered,
            boolean firstRowIsData) {
        Map<Integer, DeviceField> byColumn = new java.util.HashMap<>();
        if (firstRowIsData) {
            return byColumn;
        }
        if (remembered.isPresent()) {
            remembered.get().forEach((field, column) -> byColumn.put(column, field));
            return byColumn;
        }
        Map<DeviceField, Integer> taken = new EnumMap<>(DeviceField.class);
        for (int i = 0; i < header.cells().size(); i++) {
            Optional<DeviceField> field = DeviceField.forHeader(header.cell(i));
            if (field.isPresent() && !taken.containsKey(field.get())) {
                taken.put(field.get(), i);
                byColumn.put(i, field.get());
            }
        }
        return byColumn;
    }

    /** The form's choices (field_1, field_2, …) as the mapping's column number → field key. */
    static Map<String, String> formChoice(Map<Integer, String> chosen) {
        Map<String, String> raw = new java.util.LinkedHashMap<>();
        chosen.forEach((number, field) -> raw.put(String.valueOf(number), field));
        return raw;
    }

    /** For the template: the value that means "not used". */
    public String ignore() {
        return ColumnChoice.IGNORE;
    }
}
