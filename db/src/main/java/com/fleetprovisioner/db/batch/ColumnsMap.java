package com.fleetprovisioner.db.batch;

import com.fleetprovisioner.core.intake.DeviceField;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** A column mapping as stored: "id=0,kind=2" (field key = 0-based column). Unknown or damaged parts are skipped. */
final class ColumnsMap {
    private ColumnsMap() {
    }

    static String write(Map<DeviceField, Integer> columns) {
        StringJoiner text = new StringJoiner(",");
        new EnumMap<>(columns).forEach((field, column) -> text.add(field.key() + "=" + column));
        return text.toString();
    }

    static Map<DeviceField, Integer> read(String text) {
        Map<DeviceField, Integer> columns = new EnumMap<>(DeviceField.class);
        if (text == null || text.isBlank()) {
            return columns;
        }
        for (String part : text.split(",")) {
            String[] pair = part.split("=", 2);
            try {
                columns.put(DeviceField.valueOf(pair[0].trim().toUpperCase(Locale.ROOT)), Integer.parseInt(pair[1].trim()));
            } catch (RuntimeException damaged) {
                // a field this version does not know: the rest still maps
            }
        }
        return columns;
    }
}
