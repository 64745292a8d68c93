package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One row of a batch: the cells as read (for the original-layout download) and the verdict. */
public record IntakeRow(int rowNumber, List<String> cells, DeviceValues values, RowStatus status,
        List<RowMessage> messages, Optional<Integer> duplicateOfRow) {
    /** What a password cell shows once stored. */
    public static final String HIDDEN = "(hidden)";

    public IntakeRow {
        cells = List.copyOf(cells);
        messages = List.copyOf(messages);
    }

    public IntakeRow withVerdict(RowStatus newStatus, RowMessage extra, Optional<Integer> duplicateOf) {
        List<RowMessage> all = new java.util.ArrayList<>(messages);
        all.add(extra);
        return new IntakeRow(rowNumber, cells, values, newStatus, all, duplicateOf);
    }

    /** The same row with one cell hidden: device passwords never stay in the raw cells. */
    public IntakeRow withCellHidden(int column) {
        if (column < 0 || column >= cells.size() || cells.get(column).isEmpty()) {
            return this;
        }
        List<String> hidden = new java.util.ArrayList<>(cells);
        hidden.set(column, HIDDEN);
        return new IntakeRow(rowNumber, hidden, values, status, messages, duplicateOfRow);
    }

    public IntakeRow withStatus(RowStatus newStatus) {
        return new IntakeRow(rowNumber, cells, values, newStatus, messages, duplicateOfRow);
    }

    public IntakeRow withValues(DeviceValues newValues) {
        return new IntakeRow(rowNumber, cells, newValues, status, messages, duplicateOfRow);
    }

    /** The messages on one column, for the preview's cell. */
    public List<RowMessage> messagesFor(DeviceField field) {
        return messages.stream().filter(m -> m.field().equals(Optional.of(field))).toList();
    }

    /** All messages in one line, as the problems download shows them, each rendered by {@code render}. */
    public String summary(Function<Text, String> render) {
        return String.join("; ", messages.stream().map(m -> m.describe(render)).toList());
    }
}
