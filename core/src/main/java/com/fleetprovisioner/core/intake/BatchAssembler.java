package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceIntake;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.KnownDevice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Receives the rows of one file as they are read, finds the header, validates each row, marks
 * duplicates inside the file and devices we already hold, and stores rows in chunks (each written by
 * {@link ChunkWriter} while the next is read). Memory holds two chunks plus one entry per distinct id,
 * whatever the file's size.
 */
final class BatchAssembler implements Consumer<SheetRow>, AutoCloseable {
    static final int CHUNK = 500;

    private final ChunkWriter writer;
    private final DeviceIntake devices;
    private final SecretBox secrets;
    private final IntakeDefaults defaults;
    private final RowValidator validator;
    private final Map<String, Integer> firstRowById = new HashMap<>();
    private final List<IntakeRow> chunk = new ArrayList<>(CHUNK);
    private final Optional<ColumnChoice> choice;
    private final Function<String, Optional<Map<DeviceField, Integer>>> remembered;
    private HeaderMapping header;
    private int rowsBeforeHeader;
    /** The problems column of a re-uploaded problems file, left out of every row; -1 when none. */
    private int dropped = -1;
    private Batch.Counts counts = new Batch.Counts(0, 0, 0, 0, 0, 0);

    BatchAssembler(long batchId, BatchRepository batches, DeviceIntake devices, SecretBox secrets,
            IntakeDefaults defaults, RowValidator validator) {
        this(batchId, batches, devices, secrets, defaults, validator, Optional.empty(), key -> Optional.empty());
    }

    /**
     * @param choice the columns a person chose; none: a mapping remembered for the header's layout, else the names
     * @param remembered the mapping confirmed earlier for a header layout ({@link HeaderMapping#layoutKey})
     */
    BatchAssembler(long batchId, BatchRepository batches, DeviceIntake devices, SecretBox secrets,
            IntakeDefaults defaults, RowValidator validator, Optional<ColumnChoice> choice,
            Function<String, Optional<Map<DeviceField, Integer>>> remembered) {
        this.choice = choice;
        this.remembered = remembered;
        this.writer = new ChunkWriter(batchId, batches);
        this.devices = devices;
        this.secrets = secrets;
        this.defaults = defaults;
        this.validator = validator;
    }

    @Override
    public void accept(SheetRow row) {
        if (row.blank()) {
            return;
        }
        if (header == null) {
            findHeader(row);
            if (header == null || header.headerRowNumber() != 0) {
                return;
            } // a file whose first row is data: that row is a device too
        }
        if (dropped >= 0) {
            row = without(row, dropped);
        }
        IntakeRow checked = validator.check(row, header);
        Optional<String> id = checked.values().providerId();
        if (checked.status() != RowStatus.ERROR && id.isPresent()) {
            // ids differ only in letter case are one device to a person: keep the first
            Integer first = firstRowById.putIfAbsent(id.get().toUpperCase(Locale.ROOT), row.rowNumber());
            if (first != null) {
                checked = checked.withVerdict(RowStatus.DUPLICATE, RowMessage.rowError("intake.row.duplicate", first),
                        Optional.of(first));
            }
        }
        chunk.add(checked);
        if (chunk.size() == CHUNK) {
            flush();
        }
    }

    private void findHeader(SheetRow row) {
        Optional<HeaderMapping> found = choice.isPresent() ? chosen(row) : known(row);
        if (found.isPresent()) {
            header = found.get();
            header.requireColumns(defaults);
        } else if (++rowsBeforeHeader >= HeaderMapping.HEADER_SEARCH_ROWS) {
            throw noHeader();
        }
    }

    /** A person's mapping: by number on the first non-blank row, by name on the first row that has every name. */
    private Optional<HeaderMapping> chosen(SheetRow row) {
        return choice.orElseThrow().resolve(row, row.cells().size()).map(this::withoutProblems)
                .map(m -> m.headerRowNumber() == 0 ? m.described(list -> Text.of("intake.notice.chosenNoHeader", list))
                        : m.described(list -> Text.of("intake.notice.chosen", list)));
    }

    /** The mapping remembered for this row's layout, else the header names as the aliases know them. */
    private Optional<HeaderMapping> known(SheetRow row) {
        Optional<HeaderMapping> found = remembered.apply(HeaderMapping.layoutKey(row))
                .filter(columns -> columns.values().stream().allMatch(c -> c < row.cells().size()))
                .map(columns -> HeaderMapping.chosen(row.rowNumber(), row.cells(), columns)
                        .described(list -> Text.of("intake.notice.remembered", list)));
        return (found.isPresent() ? found : HeaderMapping.tryHeader(row)).map(this::withoutProblems);
    }

    /** A re-uploaded problems file: its problems column (never mapped; the last one) is left out of the batch. */
    private HeaderMapping withoutProblems(HeaderMapping mapping) {
        if (mapping.headerRowNumber() == 0) {
            return mapping;
        }
        int problems = HeaderMapping.problemsColumn(new SheetRow(mapping.headerRowNumber(), mapping.header(), Map.of()));
        if (problems < 0 || mapping.columns().containsValue(problems)) {
            return mapping;
        }
        dropped = problems;
        return new HeaderMapping(mapping.headerRowNumber(), without(new SheetRow(0, mapping.header(), Map.of()), problems)
                .cells(), mapping.columns(), mapping.notices(), mapping.chosen());
    }

    private static SheetRow without(SheetRow row, int column) {
        if (column >= row.cells().size()) {
            return row;
        }
        List<String> cells = new ArrayList<>(row.cells());
        cells.remove(column);
        Map<Integer, SheetRow.CellNote> notes = new HashMap<>();
        row.notes().forEach((c, note) -> {
            if (c != column) {
                notes.put(c > column ? c - 1 : c, note);
            }
        });
        return new SheetRow(row.rowNumber(), cells, notes);
    }

    /** Stores what is left; the header and totals for the batch. */
    HeaderMapping finish() {
        if (header == null) {
            throw rowsBeforeHeader == 0 ? new IntakeFileException(Text.of("intake.file.noRows"),
                    "The file holds no rows.") : noHeader();
        }
        writer.finish(checked());
        if (counts.total() == 0) {
            throw new IntakeFileException(Text.of("intake.file.headerOnly", header.headerRowNumber()),
                    "Row " + header.headerRowNumber() + " is a header, but no device rows follow it.");
        }
        return header;
    }

    Batch.Counts counts() {
        return counts;
    }

    /** Waits until no chunk is being written: a failed upload's rows can be deleted then. */
    @Override
    public void close() {
        writer.close();
    }

    private void flush() {
        writer.write(checked());
    }

    /** The chunk with its known devices marked and passwords sealed, counted; the chunk list is emptied. */
    private List<IntakeRow> checked() {
        if (chunk.isEmpty()) {
            return List.of();
        }
        List<String> ids = chunk.stream().filter(r -> r.status().submittable())
                .map(r -> r.values().providerId().orElseThrow()).toList();
        Map<String, KnownDevice> known = ids.isEmpty() ? Map.of() : devices.findKnown(ids);
        List<IntakeRow> ready = new ArrayList<>(chunk.size());
        for (IntakeRow row : chunk) {
            KnownDevice device = row.status().submittable() ? known.get(row.values().providerId().orElseThrow()) : null;
            IntakeRow verdict = device == null ? row
                    : replaceable(device) ? row.withVerdict(RowStatus.WARNING, replaces(device), Optional.empty())
                    : row.withVerdict(RowStatus.EXISTING, describe(device), Optional.empty());
            ready.add(verdict.withValues(verdict.values().withPassword(verdict.values().password().map(secrets::seal)))
                    .withCellHidden(header.column(DeviceField.PASSWORD).orElse(-1)));
        }
        counts = counts.plus(Batch.Counts.of(ready));
        chunk.clear();
        return ready;
    }

    /**
     * A failed or cancelled device was never added (an unknown outcome is never failed, and a cancel
     * leaves those alone): a new row for it replaces it instead of being skipped. Submitting moves the
     * device record to the new batch with the row's values, queued again (see {@code DeviceIntake}).
     */
    static boolean replaceable(KnownDevice device) {
        return device.state() == DeviceState.FAILED || device.state() == DeviceState.CANCELLED;
    }

    static RowMessage replaces(KnownDevice device) {
        String key = device.state() == DeviceState.FAILED ? "intake.row.replaces.failed" : "intake.row.replaces.cancelled";
        return RowMessage.rowWarning(key, device.batchId());
    }

    /** A device we already hold; its state is named by the message (a word for each language), not an argument. */
    static RowMessage describe(KnownDevice device) {
        long batch = device.batchId();
        return switch (device.state()) {
            case PROVISIONED -> device.billingStartedAt()
                    .map(at -> RowMessage.rowError("intake.row.known.provisionedBilled", Text.utc(at), batch))
                    .orElseGet(() -> RowMessage.rowError("intake.row.known.provisioned", batch));
            case PRE_EXISTING -> RowMessage.rowError("intake.row.known.preExisting", batch);
            case QUEUED -> RowMessage.rowError("intake.row.known.queued", batch);
            case SENDING -> RowMessage.rowError("intake.row.known.sending", batch);
            case RETRYING -> RowMessage.rowError("intake.row.known.retrying", batch);
            case NEEDS_REVIEW -> RowMessage.rowError("intake.row.known.needsReview", batch);
            case FAILED -> RowMessage.rowError("intake.row.known.failed", batch);
            case CANCELLED -> RowMessage.rowError("intake.row.known.cancelled", batch);
        };
    }

    private IntakeFileException noHeader() {
        if (choice.isPresent()) {
            String columns = String.join(", ", choice.get().columns().keySet());
            return new IntakeFileException(Text.of("intake.file.mappingNotFound", HeaderMapping.HEADER_SEARCH_ROWS, columns),
                    "The mapping names columns that no row among the first "
                    + HeaderMapping.HEADER_SEARCH_ROWS + " has as its header: " + String.join(", ", choice.get().columns()
                    .keySet()) + ".");
        }
        return new IntakeFileException(Text.of("intake.file.noHeader", HeaderMapping.HEADER_SEARCH_ROWS,
                HeaderMapping.expectedIdHeaders()), "No header row found in the first " + HeaderMapping.HEADER_SEARCH_ROWS
                + " rows: one row must name the id column (" + HeaderMapping.expectedIdHeaders() + "). Choose which "
                + "column holds which field (the column mapping), or say that the first row is data.", true);
    }
}
