package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.core.intake.HeaderMapping;
import com.fleetprovisioner.core.intake.IntakeRow;
import com.fleetprovisioner.core.intake.RowFilter;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.intake.RowMessage;
import com.fleetprovisioner.core.intake.RowStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The preview of one batch: totals, one page of rows with each message on its cell. */
public record PreviewPage(Batch batch, List<String> columns, List<RowView> rows, RowFilter filter, int page,
        int pages, Optional<String> previous, Optional<String> next, boolean mayChange, Map<String, String> errors,
        Optional<String> changeColumns, List<String> notices) {

    public static final int PAGE_SIZE = 50;

    /**
     * One cell as shown: its text and the messages about it ({@code severity} empty when none);
     * {@code fromDefault}: the file left it empty and the batch's default stands in (shown, marked).
     */
    public record CellView(String text, List<String> messages, String severity, boolean fromDefault) {
    }

    /** {@code acknowledgeable}: a row with warnings, which the person may confirm to submit it anyway. */
    public record RowView(int rowNumber, String status, boolean acknowledgeable, List<CellView> cells,
            List<String> rowMessages) {
    }

    /** Which of the filter links is the current page (shown as text, not a link). */
    public boolean showsAll() {
        return filter == RowFilter.ALL;
    }

    public boolean showsProblems() {
        return filter == RowFilter.PROBLEMS;
    }

    public boolean showsErrors() {
        return filter == RowFilter.ERRORS;
    }

    /** How many pages the filter's rows fill, from the batch's totals (never a count of the rows). */
    static int pages(Batch batch, RowFilter filter) {
        return Math.max(1, (filter.count(batch.counts()) + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    static PreviewPage of(Batch batch, List<IntakeRow> rows, RowFilter filter, int page, boolean mayChange,
            Map<String, String> errors, Optional<String> changeColumns, Function<Text, String> render) {
        Optional<HeaderMapping> header = batch.mapping();
        int pages = pages(batch, filter);
        String name = filter.name().toLowerCase(java.util.Locale.ROOT);
        String here = "/batches/" + batch.id() + "/preview?" + name + "=true&page=";
        // the links carry the row they start after (or end before): the page is a seek, not a count from row 1
        Optional<String> previous = page <= 1 ? Optional.empty() : Optional.of(page == 2 || rows.isEmpty()
                ? here + (page - 1) : here + (page - 1) + "&before=" + rows.get(0).rowNumber());
        Optional<String> next = page >= pages || rows.isEmpty() ? Optional.empty()
                : Optional.of(here + (page + 1) + "&after=" + rows.get(rows.size() - 1).rowNumber());
        List<DeviceField> defaulted = DEFAULTABLE.stream().filter(f -> header.flatMap(h -> h.column(f)).isEmpty()
                && defaultOf(batch, f).isPresent()).toList();
        List<RowView> views = rows.stream().map(r -> view(r, batch, header, defaulted, render)).toList();
        List<String> columns = new ArrayList<>(batch.header());
        defaulted.forEach(f -> columns.add(f.templateHeader()));
        return new PreviewPage(batch, columns, views, filter, page, pages, previous, next, mayChange && batch.draft(),
                errors, changeColumns, batch.noticeTexts().stream().map(render).toList());
    }

    /** The fields an upload's defaults fill in. */
    private static final List<DeviceField> DEFAULTABLE = List.of(DeviceField.KIND, DeviceField.COMPANY);

    private static Optional<String> defaultOf(Batch batch, DeviceField field) {
        return field == DeviceField.KIND ? batch.defaults().kind() : batch.defaults().company().map(String::valueOf);
    }

    /** @param defaulted fields without a column in the file whose default the batch gives: shown as extra columns */
    private static CellView cell(IntakeRow row, Optional<DeviceField> field, String text, boolean fromDefault,
            Function<Text, String> render) {
        List<RowMessage> messages = field.map(row::messagesFor).orElse(List.of());
        String severity = messages.stream().anyMatch(m -> m.severity() == RowMessage.Severity.ERROR) ? "error"
                : messages.isEmpty() ? "" : "warning";
        return new CellView(text, messages.stream().map(m -> render.apply(m.text())).toList(), severity, fromDefault);
    }

    private static RowView view(IntakeRow row, Batch batch, Optional<HeaderMapping> header, List<DeviceField> defaulted,
            Function<Text, String> render) {
        List<CellView> cells = new ArrayList<>();
        for (int i = 0; i < Math.max(batch.header().size(), row.cells().size()); i++) {
            int column = i;
            Optional<DeviceField> field = header.flatMap(h -> h.fieldAt(column));
            String text = i < row.cells().size() ? row.cells().get(i) : "";
            Optional<String> fromDefault = field.filter(f -> text.isBlank() && DEFAULTABLE.contains(f))
                    .flatMap(f -> defaultOf(batch, f));
            cells.add(cell(row, field, fromDefault.orElse(text), fromDefault.isPresent(), render));
        }
        for (DeviceField field : defaulted) {
            cells.add(cell(row, Optional.of(field), defaultOf(batch, field).orElseThrow(), true, render));
        }
        // messages without a column of their own in this file (duplicates, known devices, a default that is missing)
        List<String> rowMessages = row.messages().stream()
                .filter(m -> m.field().isEmpty() || header.flatMap(h -> h.column(m.field().get())).isEmpty()
                        && !defaulted.contains(m.field().get()))
                .map(m -> m.describe(render)).toList();
        return new RowView(row.rowNumber(), row.status().id(), row.status() == RowStatus.WARNING, cells, rowMessages);
    }
}
