package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.common.Transactions;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.provisioning.DeviceIntake;
import com.fleetprovisioner.core.provisioning.KnownDevice;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * queueing one device twice. The queue is told after the commit; if that fails the queued rows are
 * still the truth and the sweeper picks them up.
 */
public final class SubmitService {
    /** What a submit did. {@code repeated}: the batch was already submitted, nothing was queued now. */
    public record SubmitResult(long batchId, int devicesQueued, boolean repeated) {
    }

    /** A single device that was queued. */
    public record SingleResult(long batchId, long deviceId, String providerId) {
    }

    private static final Logger log = LoggerFactory.getLogger(SubmitService.class);

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
        List<DeviceIntake.Queued> queued = new ArrayList<>();
        SubmitResult result = transactions.inTransaction(() -> submitInTransaction(actor, batchId, warningsAcknowledged, queued));
        enqueue(queued);
        return result;
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
        List<DeviceIntake.Queued> queued = new ArrayList<>();
        long batchId = transactions.inTransaction(() -> {
            long id = batches.create(new BatchRepository.NewBatch(source, Optional.empty(), Optional.empty(), 0,
                    IntakeDefaults.none(), userId, clock.instant()));
            batches.insertRows(id, List.of(row.withValues(row.values().withPassword(row.values().password().map(secrets::seal)))
                    .withCellHidden(DeviceField.PASSWORD.ordinal())));
            batches.finish(id, header, List.of(), Batch.Counts.of(List.of(row)), clock.instant());
            submitInTransaction(actor, id, true, queued);
            if (queued.isEmpty()) {
                throw ValidationException.of(DeviceField.ID.key(), "This id was queued by someone else a moment ago.");
            }
            return id;
        });
        enqueue(queued);
        return new SingleResult(batchId, queued.get(0).deviceId(), queued.get(0).providerId());
    }

    private void refuseProblems(IntakeRow row, boolean warningsAcknowledged) {
        Map<String, String> errors = new LinkedHashMap<>();
        row.messages().stream().filter(m -> m.severity() == RowMessage.Severity.ERROR)
                .forEach(m -> errors.putIfAbsent(m.field().map(DeviceField::key).orElse("device"), m.text()));
        if (errors.isEmpty()) {
            String id = row.values().providerId().orElseThrow();
            KnownDevice known = devices.findKnown(List.of(id)).get(id);
            if (known != null) {
                errors.put(DeviceField.ID.key(), BatchAssembler.describe(known).replace(" Skipped.", ""));
            }
        }
        if (errors.isEmpty() && row.status() == RowStatus.WARNING && !warningsAcknowledged) {
            row.messages().forEach(m -> errors.putIfAbsent(m.field().map(DeviceField::key).orElse("device"), m.text()));
            errors.put("acknowledge", "Please confirm you checked the warnings to add the device anyway.");
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private SubmitResult submitInTransaction(Actor actor, long batchId, boolean acknowledged, List<DeviceIntake.Queued> queued) {
        Batch batch = batches.find(batchId).orElseThrow(() -> new NotFoundException("There is no batch " + batchId));
        if (batch.state() == Batch.State.SUBMITTED) {
            return new SubmitResult(batchId, batch.devicesQueued(), true);
        }
        if (!batch.draft()) {
            throw ValidationException.of("batch", "Batch " + batchId + " is " + batch.state().id() + " and cannot be submitted.");
        }
        if (batch.counts().warning() > 0 && !acknowledged) {
            throw ValidationException.of("acknowledge", batch.counts().warning() + " row(s) have warnings. Confirm that "
                    + "you checked them, then submit again.");
        }
        if (batch.counts().submittable() == 0) {
            throw ValidationException.of("batch", "Nothing to submit: no row is valid. Download the problems, fix them "
                    + "and upload again.");
        }
        Instant now = clock.instant();
        if (!batches.transition(batchId, Batch.State.DRAFT, Batch.State.SUBMITTED, actor.userId(), now)) {
            Batch current = batches.find(batchId).orElseThrow();
            return new SubmitResult(batchId, current.devicesQueued(), true);
        }
        int after = 0;
        for (List<IntakeRow> rows = batches.submittable(batchId, after, BatchAssembler.CHUNK); !rows.isEmpty();
                rows = batches.submittable(batchId, after, BatchAssembler.CHUNK)) {
            queueChunk(batchId, actor.userId().orElseThrow(), rows, now, queued);
            after = rows.get(rows.size() - 1).rowNumber();
        }
        batches.setDevicesQueued(batchId, queued.size(), now);
        audit.record(new AuditEntry(now, actor, "batch.submit", "batch " + batchId, "file=" + batch.fileName().orElse("-")
                + " sha256=" + batch.fileSha256().orElse("-") + " queued=" + queued.size() + " " + batch.counts().describe()));
        return new SubmitResult(batchId, queued.size(), false);
    }

    private void queueChunk(long batchId, long userId, List<IntakeRow> rows, Instant now, List<DeviceIntake.Queued> queued) {
        List<NewDevice> chunk = rows.stream().map(r -> new NewDevice(r.values().providerId().orElseThrow(),
                r.values().kind().orElseThrow(), r.values().company().orElseThrow(), r.values().name(), r.values().phone(),
                r.values().password(), r.values().config(), batchId, Optional.of(r.rowNumber()), userId)).toList();
        List<DeviceIntake.Queued> done = devices.insertQueued(chunk, now);
        queued.addAll(done);
        Set<String> doneIds = done.stream().map(DeviceIntake.Queued::providerId).collect(Collectors.toSet());
        Map<Boolean, List<Integer>> split = rows.stream().collect(Collectors.partitioningBy(
                r -> doneIds.contains(r.values().providerId().orElseThrow()),
                Collectors.mapping(IntakeRow::rowNumber, Collectors.toList())));
        batches.markRows(batchId, split.get(true), RowStatus.QUEUED);
        if (!split.get(false).isEmpty()) {
            batches.markTakenMeanwhile(batchId, split.get(false), "Queued by another batch since the preview. Skipped.");
        }
    }

    private void enqueue(List<DeviceIntake.Queued> queued) {
        if (queued.isEmpty()) {
            return;
        }
        try {
            queue.enqueue(queued.stream().map(DeviceIntake.Queued::deviceId).toList());
        } catch (RuntimeException e) {
            log.warn("Enqueueing {} queued devices failed; they stay queued in the database for the sweeper", queued.size(), e);
        }
    }

}
