package com.fleetprovisioner.core.intake;

import java.util.Optional;

/**
 * One finding on one row, attached to the cell it is about (empty field: the row as a whole).
 *
 * @param column the column's header as the file spells it, for people
 */
public record RowMessage(Severity severity, Optional<DeviceField> field, String column, String text) {
    public enum Severity { ERROR, WARNING }

    public static RowMessage error(DeviceField field, String column, String text) {
        return new RowMessage(Severity.ERROR, Optional.of(field), column, text);
    }

    public static RowMessage warning(DeviceField field, String column, String text) {
        return new RowMessage(Severity.WARNING, Optional.of(field), column, text);
    }

    public static RowMessage rowWarning(String text) {
        return new RowMessage(Severity.WARNING, Optional.empty(), "", text);
    }

    public static RowMessage rowError(String text) {
        return new RowMessage(Severity.ERROR, Optional.empty(), "", text);
    }

    /** "IMEI: text" or the text alone for the row. */
    public String describe() {
        return column.isEmpty() ? text : column + ": " + text;
    }
}
