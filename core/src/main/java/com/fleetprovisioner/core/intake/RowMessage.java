package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import java.util.Optional;
import java.util.function.Function;

/**
 * One finding on one row, attached to the cell it is about (empty field: the row as a whole). The finding is a
 * message key of the web's messages files with its arguments, shown in each reader's language; what the person
 * typed is an argument, shown as typed.
 *
 * @param column the column's header as the file spells it, for people
 */
public record RowMessage(Severity severity, Optional<DeviceField> field, String column, Text text) {
    public enum Severity { ERROR, WARNING }

    public static RowMessage error(DeviceField field, String column, String key, Object... args) {
        return new RowMessage(Severity.ERROR, Optional.of(field), column, Text.of(key, args));
    }

    public static RowMessage warning(DeviceField field, String column, String key, Object... args) {
        return new RowMessage(Severity.WARNING, Optional.of(field), column, Text.of(key, args));
    }

    public static RowMessage rowWarning(String key, Object... args) {
        return new RowMessage(Severity.WARNING, Optional.empty(), "", Text.of(key, args));
    }

    public static RowMessage rowError(String key, Object... args) {
        return new RowMessage(Severity.ERROR, Optional.empty(), "", Text.of(key, args));
    }

    public static RowMessage rowError(Text text) {
        return new RowMessage(Severity.ERROR, Optional.empty(), "", text);
    }

    /** "IMEI: text" or the text alone for the row, the text rendered by {@code render} (the reader's language). */
    public String describe(Function<Text, String> render) {
        String shown = render.apply(text);
        return column.isEmpty() ? shown : column + ": " + shown;
    }
}
