package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.common.Secrets;
import com.fleetprovisioner.core.common.Transactions;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.provisioning.DeviceIntake;
import com.fleetprovisioner.core.provisioning.KnownDevice;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a previewed draft into queued devices, in one transaction, exactly once: the batch moves
 * draft → submitted only if it still is a draft (a double click, a second tab or a retried request
 * finds it submitted and queues nothing), and the unique provider id keeps concurrent batches from
 * queueing one device twice.
 *
 * <p>The work streams: rows are read, inserted as devices and marked a chunk at a time, each chunk its own
 * bounded statements, so memory does not grow with the batch (LargeSubmitIT, SubmitBench). It stays one
 * transaction on purpose: a submit that fails half-way (the database, a bug) leaves nothing half-done —
 * no device row, no event, the batch still a draft — and {@link SubmitFailedException} says so with an
 * error id, also audited. Submitting again is then safe.
 *
 * <p>The queue is told after the commit, a chunk of device ids at a time read back from the database;
 * if that fails the queued rows are still the truth and the sweeper picks them up.
 */
public final class SubmitService {
    /** What a submit did. {@code repeated}: the batch was already submitted, nothing was queued now. */
    public record SubmitResult(long batchId, int devicesQueued, boolean repeated) {
    }

    /** A single device that was queued. */
    public record SingleResult(long batchId, long deviceId, String providerId) {
    }

    private static final Logger log = LoggerFactory.getLogger(SubmitService.class);
    /** Rows read, devices inserted and ids enqueued per step: bounded statements at any batch size. */
    static final int CHUNK = BatchAssembler.CHUNK;

    private final Transactions transactions;
    private final BatchRepository batches;
    private final DeviceIntake devices;
    private final IntakeService intake;
    private final SecretBox secrets;
    private final ProvisioningQueue queue;
    private final AuditLog audit;
    private final Clock clock;

    public SubmitService(Transactions transactions, BatchRepository batches, DeviceIntake devices, IntakeService intake,
            SecretBox secrets, ProvisioningQueue queue, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.batches = batches;
        this.devices = devices;
        this.intake = intake;
        this.secrets = secrets;
        this.queue = queue;
        this.audit = audit;
        this.clock = clock;
    }

    public SubmitResult submit(Actor actor, long batchId, boolean warningsAcknowledged) {
        SubmitResult result;
        try {
            result = transactions.inTransaction(() -> submitInTransaction(actor, batchId, warningsAcknowledged));
        } catch (ValidationException | NotFoundException refused) {
            throw refused;
        } catch (RuntimeException e) {
            throw failed(actor, batchId, e);
        }
        if (!result.repeated()) {
            enqueueBatch(batchId);
        }
        return result;
    }

    /** Rolled back: logged and audited with an error id the person can quote. */
    private SubmitFailedException failed(Actor actor, long batchId, RuntimeException cause) {
        String errorId = Secrets.randomToken(6);
        log.error("Submitting batch {} failed, error id {}; rolled back, nothing queued", batchId, errorId, cause);
        try {
            audit.record(new AuditEntry(clock.instant(), actor, "batch.submit.failed", "batch " + batchId,
                    "errorId=" + errorId + " queued=0 (rolled back; the batch is still a draft)"));
        } catch (RuntimeException auditFailed) {
            log.warn("Could not audit the failed submit of batch {} (error id {})", batchId, errorId, auditFailed);
        }
        return new SubmitFailedException(batchId, errorId, cause);
    }

    /** One device from a form or the API: the same rules as a file row, then queued at once. */
    public SingleResult addSingle(Actor actor, Map<DeviceField, String> input, boolean warningsAcknowledged, Batch.Source source) {
        long userId = actor.userId().orElseThrow(() -> new IllegalArgumentException("adding needs a user"));
        List<String> header = java.util.Arrays.stream(DeviceField.values()).map(DeviceField::templateHeader).toList();
        List<String> cells = java.util.Arrays.stream(DeviceField.values()).map(f -> input.getOrDefault(f, "")).toList();
        HeaderMapping mapping = HeaderMapping.tryHeader(new SheetRow(0, header, Map.of())).orElseThrow();
        IntakeRow row = new RowValidator(IntakeDefaults.none(), intake.knownCompanies(IntakeDefaults.none()))
                .check(new SheetRow(1, cells, Map.of()), mapping);
        refuseProblems(row, warningsAcknowledged);
        String providerId = row.values().providerId().orElseThrow();
        long batchId = transactions.inTransaction(() -> {
            long id = batches.create(new BatchRepository.NewBatch(source, Optional.empty(), Optional.empty(), 0,
                    IntakeDefaults.none(), userId, clock.instant()));
            batches.insertRows(id, List.of(row.withValues(row.values().withPassword(row.values().password().map(secrets::seal)))
                    .withCellHidden(DeviceField.PASSWORD.ordinal())));
            batches.finish(id, header, List.of(), Batch.Counts.of(List.of(row)), clock.instant());
            if (submitInTransaction(actor, id, true).devicesQueued() == 0) {
                throw ValidationException.of(DeviceField.ID.key(), "intake.error.queuedMeanwhile");
            }
            return id;
        });
        long deviceId = devices.findKnown(List.of(providerId)).get(providerId).id();
        enqueue(List.of(deviceId));
        return new SingleResult(batchId, deviceId, providerId);
    }

    private void refuseProblems(IntakeRow row, boolean warningsAcknowledged) {
        Map<String, Text> errors = new LinkedHashMap<>();
        row.messages().stream().filter(m -> m.severity() == RowMessage.Severity.ERROR)
                .forEach(m -> errors.putIfAbsent(m.field().map(DeviceField::key).orElse("device"), m.text()));
        if (errors.isEmpty()) {
            String id = row.values().providerId().orElseThrow();
            KnownDevice known = devices.findKnown(List.of(id)).get(id);
            if (known != null) {
                errors.put(DeviceField.ID.key(), alreadyKnown(known));
            }
        }
        if (errors.isEmpty() && row.status() == RowStatus.WARNING && !warningsAcknowledged) {
            row.messages().forEach(m -> errors.putIfAbsent(m.field().map(DeviceField::key).orElse("device"), m.text()));
            errors.put("acknowledge", Text.of("intake.error.acknowledgeDevice"));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    /** Why a device we know already is not added again (a file's row says the same in its own words). */
    private static Text alreadyKnown(KnownDevice known) {
        return switch (known.state()) {
            case PROVISIONED -> known.billingStartedAt()
                    .map(at -> Text.of("intake.error.knownBilled", known.batchId(), Text.utc(at)))
                    .orElse(Text.of("intake.error.knownProvisioned", known.batchId()));
            case PRE_EXISTING -> Text.of("intake.error.knownPresent", known.batchId());
            case QUEUED, SENDING, RETRYING -> Text.of("intake.error.knownQueued", known.state().label(), known.batchId());
            default -> Text.of("intake.error.knownOther", known.state().label(), known.batchId());
        };
    }

    private SubmitResult submitInTransaction(Actor actor, long batchId, boolean acknowledged) {
        Batch batch = batches.find(batchId).orElseThrow(() -> new NotFoundException("notFound.batch", batchId));
        if (batch.state() == Batch.State.SUBMITTED || batch.state() == Batch.State.SENDING
                || batch.state() == Batch.State.COMPLETED || batch.state() == Batch.State.COMPLETED_WITH_FAILURES) {
            return new SubmitResult(batchId, batch.devicesQueued(), true);
        }
        if (!batch.draft()) {
            throw ValidationException.of("batch", "intake.error.submitNotDraft", batchId, batch.state().label());
        }
        if (batch.counts().warning() > 0 && !acknowledged) {
            throw ValidationException.of("acknowledge", "intake.error.acknowledgeRows", batch.counts().warning());
        }
        if (batch.counts().submittable() == 0) {
            throw ValidationException.of("batch", "intake.error.nothingValid");
        }
        Instant now = clock.instant();
        if (!batches.transition(batchId, Batch.State.DRAFT, Batch.State.SUBMITTED, actor.userId(), now)) {
            Batch current = batches.find(batchId).orElseThrow();
            return new SubmitResult(batchId, current.devicesQueued(), true);
        }
        int queued = 0;
        int after = 0;
        for (List<IntakeRow> rows = batches.submittable(batchId, after, CHUNK); !rows.isEmpty();
                rows = batches.submittable(batchId, after, CHUNK)) {
            queued += queueChunk(batchId, actor.userId().orElseThrow(), rows, now);
            after = rows.get(rows.size() - 1).rowNumber();
        }
        batches.setDevicesQueued(batchId, queued, now);
        audit.record(new AuditEntry(now, actor, "batch.submit", "batch " + batchId, "file=" + batch.fileName().orElse("-")
                + " sha256=" + batch.fileSha256().orElse("-") + " queued=" + queued + " " + batch.counts().describe()));
        return new SubmitResult(batchId, queued, false);
    }

    /** One chunk of rows in, marked queued (or taken meanwhile by another batch); returns how many were queued. */
    private int queueChunk(long batchId, long userId, List<IntakeRow> rows, Instant now) {
        List<NewDevice> chunk = rows.stream().map(r -> new NewDevice(r.values().providerId().orElseThrow(),
                r.values().kind().orElseThrow(), r.values().company().orElseThrow(), r.values().name(), r.values().phone(),
                r.values().password(), r.values().config(), batchId, Optional.of(r.rowNumber()), userId)).toList();
        // rows the preview marked as replacing a failed or cancelled device: that record moves here
        List<DeviceIntake.Queued> done = new ArrayList<>(devices.replaceEnded(chunk, now));
        Set<String> replaced = done.stream().map(DeviceIntake.Queued::providerId).collect(Collectors.toSet());
        done.addAll(devices.insertQueued(chunk.stream().filter(d -> !replaced.contains(d.providerId())).toList(), now));
        Set<String> doneIds = done.stream().map(DeviceIntake.Queued::providerId).collect(Collectors.toSet());
        Map<Boolean, List<Integer>> split = rows.stream().collect(Collectors.partitioningBy(
                r -> doneIds.contains(r.values().providerId().orElseThrow()),
                Collectors.mapping(IntakeRow::rowNumber, Collectors.toList())));
        // the queued rows keep their status: past its draft a batch's submittable rows are shown as queued
        if (!split.get(false).isEmpty()) {
            batches.markTakenMeanwhile(batchId, split.get(false), Text.of("intake.row.takenMeanwhile"));
        }
        return done.size();
    }

    /**
     * After the commit: the batch's queued devices to the queue, which reads them a chunk of ids at a time
     * when it needs them one by one (never all at once), or hands the batch out in ranges of ids.
     */
    private void enqueueBatch(long batchId) {
        long[] after = {0};
        try {
            queue.enqueueBatch(batchId, chunk -> {
                for (List<Long> ids = devices.queuedIn(batchId, after[0], CHUNK); !ids.isEmpty();
                        ids = devices.queuedIn(batchId, after[0], CHUNK)) {
                    chunk.accept(ids);
                    after[0] = ids.get(ids.size() - 1);
                }
            });
        } catch (RuntimeException e) {
            log.warn("Enqueueing the devices of batch {} failed (after device id {}); they stay queued in the database"
                    + " for the sweeper", batchId, after[0], e);
        }
    }

    private void enqueue(List<Long> deviceIds) {
        try {
            queue.enqueue(deviceIds);
        } catch (RuntimeException e) {
            log.warn("Enqueueing {} queued devices failed; they stay queued in the database for the sweeper", deviceIds.size(), e);
        }
    }
}
