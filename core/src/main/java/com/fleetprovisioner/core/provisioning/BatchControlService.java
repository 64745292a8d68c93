package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.Transactions;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.intake.Batch;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What operators do to running work: pause, resume or cancel a batch, requeue failed devices, and resume
 * the whole pipeline after an account problem. Every action is audited and leaves a device event; jobs
 * are enqueued only after the change committed.
 */
public final class BatchControlService {
    /** The most devices one selection may name (a batch page shows 50). */
    public static final int MAX_SELECTED = 500;

    private final DeviceRepository devices;
    private final PipelineState pipeline;
    private final ProvisioningQueue queue;
    private final AuditLog audit;
    private final Transactions transactions;
    private final Clock clock;

    public BatchControlService(DeviceRepository devices, PipelineState pipeline, ProvisioningQueue queue,
            AuditLog audit, Transactions transactions, Clock clock) {
        this.devices = devices;
        this.pipeline = pipeline;
        this.queue = queue;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public void pause(Actor actor, long batchId) {
        Instant now = clock.instant();
        transactions.run(() -> {
            requireRunning(batchId, now, "batches.error.cannotPause");
            requireBatch(devices.setBatchPaused(batchId, true, now), batchId);
            audit.record(new AuditEntry(now, actor, "batch.pause", "batch:" + batchId, "Paused"));
        });
    }

    public void resume(Actor actor, long batchId) {
        Instant now = clock.instant();
        List<Long> active = transactions.inTransaction(() -> {
            requireRunning(batchId, now, "batches.error.cannotResume");
            requireBatch(devices.setBatchPaused(batchId, false, now), batchId);
            audit.record(new AuditEntry(now, actor, "batch.resume", "batch:" + batchId, "Resumed"));
            return devices.activeInBatch(batchId);
        });
        queue.wake(active);
    }

    /** Returns how many devices were cancelled now; devices in flight end as they end. */
    public int cancel(Actor actor, long batchId) {
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            requireRunning(batchId, now, "batches.error.cannotCancel");
            List<Long> cancelled = devices.cancelBatch(batchId, now);
            cancelled.forEach(id -> devices.append(DeviceEvent.byUser(id, now, DeviceEvent.Type.CANCELLED, actor.userId(),
                    Text.of("event.text.cancelledWithBatch", actor.name()))));
            audit.record(new AuditEntry(now, actor, "batch.cancel", "batch:" + batchId,
                    cancelled.size() + " devices cancelled"));
            return cancelled.size();
        });
    }

    public int requeueFailed(Actor actor, long batchId) {
        Instant now = clock.instant();
        List<Long> requeued = transactions.inTransaction(() -> {
            requireBatch(devices.batchProgress(batchId, now).isPresent(), batchId);
            List<Long> ids = devices.requeueFailed(batchId, now);
            ids.forEach(id -> devices.append(DeviceEvent.byUser(id, now, DeviceEvent.Type.REQUEUED, actor.userId(),
                    Text.of("event.text.requeued", actor.name()))));
            audit.record(new AuditEntry(now, actor, "batch.requeue-failed", "batch:" + batchId,
                    ids.size() + " failed devices requeued"));
            return ids;
        });
        queue.enqueue(requeued);
        return requeued.size();
    }

    /** Every cancelled device of a batch back to the queue (a cancelled batch is sending again). */
    public int requeueCancelled(Actor actor, long batchId) {
        Instant now = clock.instant();
        List<Long> requeued = transactions.inTransaction(() -> {
            requireBatch(devices.batchProgress(batchId, now).isPresent(), batchId);
            List<Long> ids = devices.requeueCancelled(batchId, now);
            ids.forEach(id -> devices.append(DeviceEvent.byUser(id, now, DeviceEvent.Type.REQUEUED, actor.userId(),
                    Text.of("event.text.requeued", actor.name()))));
            audit.record(new AuditEntry(now, actor, "batch.requeue-cancelled", "batch:" + batchId,
                    ids.size() + " cancelled devices requeued"));
            return ids;
        });
        queue.enqueue(requeued);
        return requeued.size();
    }

    /**
     * Requeues the chosen devices of a batch that are failed or cancelled; the others are left as they
     * are. Returns how many were requeued.
     */
    public int requeueSelected(Actor actor, long batchId, List<Long> deviceIds) {
        checkSelection(deviceIds);
        Instant now = clock.instant();
        List<Long> requeued = transactions.inTransaction(() -> {
            requireBatch(devices.batchProgress(batchId, now).isPresent(), batchId);
            List<Long> done = deviceIds.stream().distinct()
                    .filter(id -> devices.findById(id).filter(d -> d.batchId() == batchId).isPresent())
                    .filter(id -> devices.requeue(id, now))
                    .toList();
            done.forEach(id -> devices.append(DeviceEvent.byUser(id, now, DeviceEvent.Type.REQUEUED, actor.userId(),
                    Text.of("event.text.requeued", actor.name()))));
            audit.record(new AuditEntry(now, actor, "batch.requeue-selected", "batch:" + batchId,
                    done.size() + " of " + deviceIds.size() + " selected devices requeued"));
            return done;
        });
        queue.enqueue(requeued);
        return requeued.size();
    }

    /**
     * How many of the chosen devices {@link #requeueSelected} would send again (failed or cancelled, of
     * this batch): the count a confirmation states.
     */
    public int requeueable(long batchId, List<Long> deviceIds) {
        checkSelection(deviceIds);
        return (int) deviceIds.stream().distinct().map(devices::findById).flatMap(Optional::stream)
                .filter(d -> d.batchId() == batchId && !d.outcomeUnknown()
                        && (d.state() == DeviceState.FAILED || d.state() == DeviceState.CANCELLED))
                .count();
    }

    private static void checkSelection(List<Long> deviceIds) {
        if (deviceIds.isEmpty()) {
            throw ValidationException.of("device", "batches.error.selectNone");
        }
        if (deviceIds.size() > MAX_SELECTED) {
            throw ValidationException.of("device", "batches.error.selectMany", MAX_SELECTED);
        }
    }

    public void requeueDevice(Actor actor, long deviceId) {
        Instant now = clock.instant();
        transactions.run(() -> {
            DeviceDetail device = devices.findById(deviceId)
                    .orElseThrow(() -> new NotFoundException("notFound.device", deviceId));
            if (!devices.requeue(deviceId, now)) {
                throw ValidationException.of("state", "batches.error.requeueState",
                        device.providerId(), device.state().label());
            }
            devices.append(DeviceEvent.byUser(deviceId, now, DeviceEvent.Type.REQUEUED, actor.userId(),
                    Text.of("event.text.requeued", actor.name())));
            audit.record(new AuditEntry(now, actor, "device.requeue", "device:" + device.providerId(),
                    "Requeued from " + device.state().id()));
        });
        queue.enqueue(List.of(deviceId));
    }

    /** After an account problem is fixed: workers reconnect and the sweeper brings held devices back. */
    public void resumePipeline(Actor actor) {
        Instant now = clock.instant();
        transactions.run(() -> {
            pipeline.resume(now);
            audit.record(new AuditEntry(now, actor, "pipeline.resume", "pipeline", "Sending resumed"));
        });
    }

    /** Pause, resume and cancel apply to a batch that is submitted or sending, never to one that ended. */
    /** @param refusalKey the message when it does not: its arguments are the batch id and its state */
    private void requireRunning(long batchId, Instant now, String refusalKey) {
        BatchProgress batch = devices.batchProgress(batchId, now)
                .orElseThrow(() -> new NotFoundException("notFound.batch", batchId));
        if (batch.state() != Batch.State.SUBMITTED && batch.state() != Batch.State.SENDING) {
            throw ValidationException.of("batch", refusalKey, batchId, batch.state().label());
        }
    }

    private static void requireBatch(boolean found, long batchId) {
        if (!found) {
            throw new NotFoundException("notFound.batch", batchId);
        }
    }
}
