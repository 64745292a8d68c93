package com.fleetprovisioner.web.intake;

import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.core.intake.HeaderMapping;
import com.fleetprovisioner.core.intake.IntakeRow;
import com.fleetprovisioner.core.intake.RowFilter;
import com.fleetprovisioner.core.intake.RowMessage;
import com.fleetprovisioner.core.intake.SheetRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The preview of one batch: totals, one page of rows with each message on its cell. */
public record PreviewPage(Batch batch, List<String> columns, List<RowView> rows, String filter, int page,
        int pages, boolean mayChange, Map<String, String> errors) {

    public static final int PAGE_SIZE = 50;

    /** One cell as shown: its text and the messages about it ({@code severity} empty when none). */
    public record CellView(String text, List<String> messages, String severity) {
    }

    public record RowView(int rowNumber, String status, List<CellView> cells, List<String> rowMessages) {
    }

    static PreviewPage of(Batch batch, List<IntakeRow> rows, RowFilter filter, int page, boolean mayChange,
            Map<String, String> errors) {
        Optional<HeaderMapping> header = HeaderMapping.tryHeader(new SheetRow(1, batch.header(), Map.of()));
        int total = filter.count(batch.counts());
        int pages = Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
        List<RowView> views = rows.stream().map(r -> view(r, batch.header().size(), header)).toList();
        return new PreviewPage(batch, batch.header(), views, filter.name().toLowerCase(java.util.Locale.ROOT), page, pages,
                mayChange && batch.draft(), errors);
    }

    private static RowView view(IntakeRow row, int width, Optional<HeaderMapping> header) {
        List<CellView> cells = new ArrayList<>();
        for (int i = 0; i < Math.max(width, row.cells().size()); i++) {
            int column = i;
            Optional<DeviceField> field = header.flatMap(h -> h.columns().entrySet().stream()
                    .filter(e -> e.getValue() == column).map(Map.Entry::getKey).findFirst());
            List<RowMessage> messages = field.map(row::messagesFor).orElse(List.of());
            String severity = messages.stream().anyMatch(m -> m.severity() == RowMessage.Severity.ERROR) ? "error"
                    : messages.isEmpty() ? "" : "warning";
            cells.add(new CellView(i < row.cells().size() ? row.cells().get(i) : "",
                    messages.stream().map(RowMessage::text).toList(), severity));
        }
        // messages without a column of their own in this file (duplicates, known devices, a default that is missing)
        List<String> rowMessages = row.messages().stream()
                .filter(m -> m.field().isEmpty() || header.flatMap(h -> h.column(m.field().get())).isEmpty())
                .map(RowMessage::describe).toList();
        return new RowView(row.rowNumber(), row.status().id(), cells, rowMessages);
    }
}
