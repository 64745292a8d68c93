package com.fleetprovisioner.db.batch;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.db.device.DeviceCounters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The batch states the pipeline sets (V9): submitted → sending once a device of it was attempted, then
 * completed, completed with failures or (already) cancelled with {@code ended_at} once no device of it is
 * active. {@link #settle(Instant)} runs after each counter fold: it reads the open batches and their
 * counters (two statements), and only a batch that changes costs a short transaction, so the pipeline's
 * own writes never touch the batch row.
 *
 * <p>Ending a batch and requeueing one of its devices both lock the batch row first, and the end reads
 * the device table after taking the lock: a requeue either commits before (the batch stays open) or
 * after (and reopens the ended batch, {@link #reopen}), never in between.
 */
public final class BatchLifecycle {
    /** A batch that moved: what notifications and tests look at. */
    public record Change(long batchId, Batch.State from, Batch.State to) {
    }

    static final List<String> ACTIVE = DeviceState.activeIds();
    private static final List<String> ENDED = List.of(Batch.State.COMPLETED.id(),
            Batch.State.COMPLETED_WITH_FAILURES.id(), Batch.State.CANCELLED.id());

    private final DSLContext dsl;
    private final DeviceCounters counters;

    public BatchLifecycle(DSLContext dsl) {
        this(dsl, new DeviceCounters(dsl));
    }

    public BatchLifecycle(DSLContext dsl, DeviceCounters counters) {
        this.dsl = dsl;
        this.counters = counters;
    }

    /** Open = submitted or sending, or cancelled with devices still in flight (not yet ended). */
    private static Condition open() {
        return BATCH.STATE.in(Batch.State.SUBMITTED.id(), Batch.State.SENDING.id())
                .or(BATCH.STATE.eq(Batch.State.CANCELLED.id()).and(BATCH.ENDED_AT.isNull()));
    }

    /** Moves every open batch whose devices say so; returns what changed. */
    public List<Change> settle(Instant now) {
        Map<Long, Batch.State> open = dsl.select(BATCH.ID, BATCH.STATE).from(BATCH).where(open())
                .fetchMap(BATCH.ID, r -> Batch.State.fromId(r.value2()));
        List<Change> changes = new ArrayList<>();
        if (open.isEmpty()) {
            return changes;
        }
        Map<Long, Map<DeviceState, Long>> counts = counters.ofBatches(open.keySet());
        open.forEach((id, from) -> {
            Map<DeviceState, Long> c = counts.getOrDefault(id, Map.of());
            if (active(c) == 0) {
                end(id, now).ifPresent(changes::add);
            } else if (from == Batch.State.SUBMITTED && attempted(c) && dsl.update(BATCH)
                    .set(BATCH.STATE, Batch.State.SENDING.id()).set(BATCH.UPDATED_AT, now)
                    .where(BATCH.ID.eq(id)).and(BATCH.STATE.eq(from.id())).execute() == 1) {
                changes.add(new Change(id, from, Batch.State.SENDING));
            }
        });
        return changes;
    }

    /** The batch's end, decided under its row lock from the device table itself; empty if still active. */
    private Optional<Change> end(long batchId, Instant now) {
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            String state = db.select(BATCH.STATE).from(BATCH).where(BATCH.ID.eq(batchId)).and(open()).forUpdate()
                    .fetchOne(BATCH.STATE);
            if (state == null || db.fetchExists(DEVICE, DEVICE.BATCH_ID.eq(batchId).and(DEVICE.STATE.in(ACTIVE)))) {
                return Optional.empty();
            }
            Batch.State from = Batch.State.fromId(state);
            Batch.State to = from == Batch.State.CANCELLED ? from : outcome(new DeviceCounters(db).ofBatch(batchId));
            // an ended batch is not paused any more: nothing of it waits
            db.update(BATCH).set(BATCH.STATE, to.id()).set(BATCH.ENDED_AT, now).set(BATCH.PAUSED, false)
                    .set(BATCH.UPDATED_AT, now).where(BATCH.ID.eq(batchId)).execute();
            return Optional.of(new Change(batchId, from, to));
        });
    }

    /** Failed or needing review: with failures; else cancelled devices left: cancelled; else completed. */
    static Batch.State outcome(Map<DeviceState, Long> c) {
        if (c.getOrDefault(DeviceState.FAILED, 0L) + c.getOrDefault(DeviceState.NEEDS_REVIEW, 0L) > 0) {
            return Batch.State.COMPLETED_WITH_FAILURES;
        }
        return c.getOrDefault(DeviceState.CANCELLED, 0L) > 0 ? Batch.State.CANCELLED : Batch.State.COMPLETED;
    }

    /**
     * Before a device of the batch goes back to the queue: takes the batch row's lock, so that an end
     * being decided waits for this transaction; {@link #reopen} then brings an ended batch back to sending.
     */
    public void lock(long batchId) {
        dsl.select(BATCH.ID).from(BATCH).where(BATCH.ID.eq(batchId)).forUpdate().fetch();
    }

    /** A device of the batch went back to the queue (its row locked first by {@link #lock}). */
    public void reopen(long batchId, Instant now) {
        dsl.update(BATCH).set(BATCH.STATE, Batch.State.SENDING.id()).setNull(BATCH.ENDED_AT).set(BATCH.UPDATED_AT, now)
                .where(BATCH.ID.eq(batchId)).and(BATCH.STATE.in(ENDED)).execute();
    }

    /** Paused or resumed by a person; false if there is no such batch. */
    public boolean setPaused(long batchId, boolean paused, Instant now) {
        return dsl.update(BATCH).set(BATCH.PAUSED, paused).set(BATCH.UPDATED_AT, now)
                .where(BATCH.ID.eq(batchId)).execute() == 1;
    }

    /** Cancelled by a person; it ends when its devices in flight are done ({@link #endIfIdle}). */
    public void cancel(long batchId, Instant now) {
        dsl.update(BATCH).set(BATCH.STATE, Batch.State.CANCELLED.id()).set(BATCH.UPDATED_AT, now)
                .where(BATCH.ID.eq(batchId)).execute();
    }

    /** After a cancel: ended now when nothing of it is in flight (else the next settle ends it). */
    public void endIfIdle(long batchId, Instant now) {
        dsl.update(BATCH).set(BATCH.ENDED_AT, now).set(BATCH.PAUSED, false)
                .where(BATCH.ID.eq(batchId)).and(BATCH.STATE.eq(Batch.State.CANCELLED.id())).and(BATCH.ENDED_AT.isNull())
                .andNotExists(DSL.selectOne().from(DEVICE).where(DEVICE.BATCH_ID.eq(batchId)).and(DEVICE.STATE.in(ACTIVE)))
                .execute();
    }

    /**
     * Claims the notification of the batch's end at {@code endedAt}; false if another worker did, or the
     * batch ended again since. notified_at takes the end's own time: the end is notified when the two differ.
     */
    public boolean claimEndNotification(long batchId, Instant endedAt) {
        return dsl.update(BATCH).set(BATCH.NOTIFIED_AT, endedAt)
                .where(BATCH.ID.eq(batchId)).and(BATCH.ENDED_AT.eq(endedAt)).and(notYetNotified())
                .execute() == 1;
    }

    /** Never notified, or ended again since (devices requeued after the end, then finished). */
    public static Condition notYetNotified() {
        return BATCH.NOTIFIED_AT.isNull().or(BATCH.NOTIFIED_AT.ne(BATCH.ENDED_AT));
    }

    private static long active(Map<DeviceState, Long> c) {
        return ACTIVE.stream().mapToLong(s -> c.getOrDefault(DeviceState.fromId(s), 0L)).sum();
    }

    private static boolean attempted(Map<DeviceState, Long> c) {
        return c.entrySet().stream().anyMatch(e -> e.getValue() > 0 && e.getKey() != DeviceState.QUEUED
                && e.getKey() != DeviceState.CANCELLED);
    }
}
