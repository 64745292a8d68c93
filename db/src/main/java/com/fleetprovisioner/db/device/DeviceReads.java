package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.provisioning.BatchProgress;
import com.fleetprovisioner.core.provisioning.DeviceDetail;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.DeviceState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Read models of the pipeline: a device with its history, a batch's progress. */
final class DeviceReads {
    /** The rate is measured over this window: long enough to be steady, short enough to follow a pause. */
    private static final Duration RATE_WINDOW = Duration.ofSeconds(60);
    /** The shortest span a rate is measured over: one device in its first second is not a rate of 1,000/s. */
    private static final Duration MIN_RATE_SPAN = Duration.ofSeconds(5);

    private final DSLContext dsl;
    private final DeviceCounters counters;
    private final ProgressSamples samples = new ProgressSamples(RATE_WINDOW, MIN_RATE_SPAN);

    DeviceReads(DSLContext dsl, DeviceCounters counters) {
        this.dsl = dsl;
        this.counters = counters;
    }

    Optional<DeviceDetail> detail(Condition which) {
        return dsl.selectFrom(DEVICE).where(which).fetchOptional().map(d -> new DeviceDetail(d.getId(),
                d.getProviderId(), d.getKind(), d.getCompanyId(), d.getBatchId(), DeviceState.fromId(d.getState()),
                d.getAttempts(), Optional.ofNullable(d.getNextAttemptAt()), d.getOutcomeUnknown(),
                Optional.ofNullable(d.getLastErrorCode()), Text.stored(d.getLastErrorKey(), d.getLastErrorArgs(), d.getLastErrorMessage()),
                Optional.ofNullable(d.getSentAt()), Optional.ofNullable(d.getReceivedAt()),
                Optional.ofNullable(d.getBillingStartedAt()), d.getSubmittedAt(), d.getUpdatedAt(),
                events(d.getId())));
    }

    List<DeviceEvent> events(long deviceId) {
        return dsl.selectFrom(DEVICE_EVENT).where(DEVICE_EVENT.DEVICE_ID.eq(deviceId)).orderBy(DEVICE_EVENT.ID)
                .fetch(e -> new DeviceEvent(e.getDeviceId(), e.getAt(), DeviceEvent.Type.fromId(e.getType()), Optional.ofNullable(e.getAttempt()),
                        Optional.ofNullable(e.getErrorCode()),
                        Text.stored(e.getMessageKey(), e.getMessageArgs(), e.getMessage()).orElse(Text.verbatim("")),
                        Optional.ofNullable(e.getActorUserId()),
                        Optional.ofNullable(e.getWorker())));
    }

    Optional<BatchProgress> batchProgress(long batchId, Instant now) {
        var batch = dsl.selectFrom(BATCH).where(BATCH.ID.eq(batchId)).fetchOne();
        if (batch == null) {
            return Optional.empty();
        }
        Map<DeviceState, Long> counts = counters.ofBatch(batchId);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        long remaining = counts.entrySet().stream().filter(e -> !e.getKey().terminal())
                .mapToLong(Map.Entry::getValue).sum();
        double perSecond = samples.rate(batchId, now, total - remaining).orElseGet(() -> rate(batchId, now));
        Optional<Duration> eta = remaining == 0 ? Optional.of(Duration.ZERO)
                : perSecond > 0 ? Optional.of(Duration.ofSeconds((long) Math.ceil(remaining / perSecond)))
                : Optional.empty();
        Batch.State state = Batch.State.fromId(batch.getState());
        boolean untouched = counts.getOrDefault(DeviceState.QUEUED, 0L) == total && total > 0;
        BatchProgress.Ahead ahead = state == Batch.State.SUBMITTED && untouched && batch.getSubmittedAt() != null
                ? ahead(batchId, batch.getSubmittedAt()) : BatchProgress.Ahead.NONE;
        return Optional.of(new BatchProgress(batchId, state, batch.getPaused(), counts, total, remaining,
                perSecond, eta, Optional.ofNullable(batch.getSubmittedAt()), Optional.ofNullable(batch.getEndedAt()),
                ahead));
    }

    /**
     * Devices finished per second over the batch's own recent progress, from the table, when no earlier
     * reading of this process can measure it ({@link ProgressSamples}): those that reached a terminal
     * state in the last minute, over the time since the first of them (at least a few seconds), so that
     * a batch that ran for 6 s is not measured over 60.
     */
    private double rate(long batchId, Instant now) {
        List<String> terminal = java.util.Arrays.stream(DeviceState.values()).filter(DeviceState::terminal)
                .map(DeviceState::id).toList();
        Instant since = now.minus(RATE_WINDOW);
        // the state test sits in the aggregates, not the WHERE, so that both databases read only the last
        // minute's rows through (batch_id, updated_at); H2 otherwise read every finished device of the batch
        var recent = dsl.select(DSL.count().filterWhere(DEVICE.STATE.in(terminal)),
                        DSL.min(DEVICE.UPDATED_AT).filterWhere(DEVICE.STATE.in(terminal)))
                .from(DEVICE).where(DEVICE.BATCH_ID.eq(batchId)).and(DEVICE.UPDATED_AT.gt(since))
                .fetchOne();
        if (recent.value1() == 0) {
            return 0;
        }
        long millis = Math.max(MIN_RATE_SPAN.toMillis(), Duration.between(recent.value2(), now).toMillis());
        return recent.value1() * 1000.0 / Math.min(millis, RATE_WINDOW.toMillis());
    }

    /** Open batches submitted before this one (paused ones hold nothing up) and their devices not yet finished. */
    private BatchProgress.Ahead ahead(long batchId, Instant submittedAt) {
        List<Long> before = dsl.select(BATCH.ID).from(BATCH)
                .where(BATCH.STATE.in(Batch.State.SUBMITTED.id(), Batch.State.SENDING.id()))
                .and(BATCH.SUBMITTED_AT.lt(submittedAt).or(BATCH.SUBMITTED_AT.eq(submittedAt).and(BATCH.ID.lt(batchId))))
                .and(BATCH.PAUSED.isFalse())
                .fetch(BATCH.ID);
        if (before.isEmpty()) {
            return BatchProgress.Ahead.NONE;
        }
        long devices = counters.ofBatches(before).values().stream()
                .flatMap(c -> c.entrySet().stream()).filter(e -> !e.getKey().terminal())
                .mapToLong(Map.Entry::getValue).sum();
        return devices == 0 ? BatchProgress.Ahead.NONE : new BatchProgress.Ahead(before.size(), devices);
    }
}
