package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.provisioning.DeviceIntake;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.KnownDevice;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Receives the rows of one file as they are read, finds the header, validates each row, marks
 * duplicates inside the file and devices we already hold, and stores rows in chunks. Memory holds
 * one chunk plus one entry per distinct id, whatever the file's size.
 */
final class BatchAssembler implements Consumer<SheetRow> {
    static final int CHUNK = 500;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final long batchId;
    private final BatchRepository batches;
    private final DeviceIntake devices;
    private final SecretBox secrets;
    private final IntakeDefaults defaults;
    private final RowValidator validator;
    private final Map<String, Integer> firstRowById = new HashMap<>();
    private final List<IntakeRow> chunk = new ArrayList<>(CHUNK);
    private HeaderMapping header;
    private int rowsBeforeHeader;
    private Batch.Counts counts = new Batch.Counts(0, 0, 0, 0, 0, 0);

    BatchAssembler(long batchId, BatchRepository batches, DeviceIntake devices, SecretBox secrets,
            IntakeDefaults defaults, RowValidator validator) {
        this.batchId = batchId;
        this.batches = batches;
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
            return;
        }
        IntakeRow checked = validator.check(row, header);
        Optional<String> id = checked.values().providerId();
        if (checked.status() != RowStatus.ERROR && id.isPresent()) {
            // ids differ only in letter case are one device to a person: keep the first
            Integer first = firstRowById.putIfAbsent(id.get().toUpperCase(Locale.ROOT), row.rowNumber());
            if (first != null) {
                checked = checked.withVerdict(RowStatus.DUPLICATE, RowMessage.rowError("Same id as row " + first
                        + "; only row " + first + " is kept."), Optional.of(first));
            }
        }
        chunk.add(checked);
        if (chunk.size() == CHUNK) {
            flush();
        }
    }

    private void findHeader(SheetRow row) {
        Optional<HeaderMapping> found = HeaderMapping.tryHeader(row);
        if (found.isPresent()) {
            header = found.get();
            header.requireColumns(defaults);
        } else if (++rowsBeforeHeader >= HeaderMapping.HEADER_SEARCH_ROWS) {
            throw noHeader();
        }
    }

    /** Stores what is left; the header and totals for the batch. */
    HeaderMapping finish() {
        if (header == null) {
            throw rowsBeforeHeader == 0 ? new IntakeFileException("The file holds no rows.") : noHeader();
        }
        flush();
        if (counts.total() == 0) {
            throw new IntakeFileException("Row " + header.headerRowNumber() + " is a header, but no device rows follow it.");
        }
        return header;
    }

    Batch.Counts counts() {
        return counts;
    }

    private void flush() {
        if (chunk.isEmpty()) {
            return;
        }
        List<String> ids = chunk.stream().filter(r -> r.status().submittable())
                .map(r -> r.values().providerId().orElseThrow()).toList();
        Map<String, KnownDevice> known = ids.isEmpty() ? Map.of() : devices.findKnown(ids);
        List<IntakeRow> ready = new ArrayList<>(chunk.size());
        for (IntakeRow row : chunk) {
            KnownDevice device = row.status().submittable() ? known.get(row.values().providerId().orElseThrow()) : null;
            IntakeRow verdict = device == null ? row
                    : replaceable(device) ? row.withVerdict(RowStatus.WARNING, RowMessage.rowWarning(replaces(device)),
                            Optional.empty())
                    : row.withVerdict(RowStatus.EXISTING, RowMessage.rowError(describe(device)), Optional.empty());
            ready.add(verdict.withValues(verdict.values().withPassword(verdict.values().password().map(secrets::seal)))
                    .withCellHidden(header.column(DeviceField.PASSWORD).orElse(-1)));
        }
        batches.insertRows(batchId, ready);
        counts = counts.plus(Batch.Counts.of(ready));
        chunk.clear();
    }

    /**
     * A failed or cancelled device was never added (an unknown outcome is never failed, and a cancel
     * leaves those alone): a new row for it replaces it instead of being skipped. Submitting moves the
     * device record to the new batch with the row's values, queued again (see {@code DeviceIntake}).
     */
    static boolean replaceable(KnownDevice device) {
        return device.state() == DeviceState.FAILED || device.state() == DeviceState.CANCELLED;
    }

    static String replaces(KnownDevice device) {
        return "Replaces the " + device.state().id() + " device of batch " + device.batchId()
                + ": submitting moves it to this batch with these values and sends it again.";
    }

    static String describe(KnownDevice device) {
        return switch (device.state()) {
            case PROVISIONED -> "Already provisioned" + device.billingStartedAt().map(at -> ": billing started "
                    + WHEN.format(at)).orElse("") + " (batch " + device.batchId() + "). Skipped.";
            case QUEUED, SENDING, RETRYING -> "Already queued (" + device.state().id() + ", batch "
                    + device.batchId() + "). Skipped.";
            default -> "Already known (" + device.state().id() + ", batch " + device.batchId()
                    + "); handle it on its device page. Skipped.";
        };
    }

    private static IntakeFileException noHeader() {
        return new IntakeFileException("No header row found in the first " + HeaderMapping.HEADER_SEARCH_ROWS
                + " rows: one row must name the id column (" + HeaderMapping.expectedIdHeaders() + ").");
    }
}
