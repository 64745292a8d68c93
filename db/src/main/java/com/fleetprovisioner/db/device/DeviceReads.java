package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;

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

    private final DSLContext dsl;
    private final DeviceCounters counters;

    DeviceReads(DSLContext dsl, DeviceCounters counters) {
        this.dsl = dsl;
        this.counters = counters;
    }

    Optional<DeviceDetail> detail(Condition which) {
        return dsl.selectFrom(DEVICE).where(which).fetchOptional().map(d -> new DeviceDetail(d.getId(),
                d.getProviderId(), d.getKind(), d.getCompanyId(), d.getBatchId(), DeviceState.fromId(d.getState()),
                d.getAttempts(), Optional.ofNullable(d.getNextAttemptAt()), d.getOutcomeUnknown(),
                Optional.ofNullable(d.getLastErrorCode()), Optional.ofNullable(d.getLastErrorMessage()),
                Optional.ofNullable(d.getSentAt()), Optional.ofNullable(d.getReceivedAt()),
                Optional.ofNullable(d.getBillingStartedAt()), d.getSubmittedAt(), d.getUpdatedAt(),
                events(d.getId())));
    }

    List<DeviceEvent> events(long deviceId) {
        return dsl.selectFrom(DEVICE_EVENT).where(DEVICE_EVENT.DEVICE_ID.eq(deviceId)).orderBy(DEVICE_EVENT.ID)
                .fetch(e -> new DeviceEvent(e.getDeviceId(), e.getAt(), e.getType(), Optional.ofNullable(e.getAttempt()),
                        Optional.ofNullable(e.getErrorCode()), e.getMessage(), Optional.ofNullable(e.getActorUserId()),
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
        List<String> terminal = java.util.Arrays.stream(DeviceState.values()).filter(DeviceState::terminal)
                .map(DeviceState::id).toList();
        // the state test sits in the count, not the WHERE, so that both databases read only the last
        // minute's rows through (batch_id, updated_at); H2 otherwise read every finished device of the batch
        int recent = dsl.select(DSL.count().filterWhere(DEVICE.STATE.in(terminal))).from(DEVICE)
                .where(DEVICE.BATCH_ID.eq(batchId)).and(DEVICE.UPDATED_AT.gt(now.minus(RATE_WINDOW)))
                .fetchOne().value1();
        double perSecond = recent / (double) RATE_WINDOW.toSeconds();
        Optional<Duration> eta = remaining == 0 ? Optional.of(Duration.ZERO)
                : perSecond > 0 ? Optional.of(Duration.ofSeconds((long) Math.ceil(remaining / perSecond)))
                : Optional.empty();
        return Optional.of(new BatchProgress(batchId, batch.getState(), batch.getPaused(), counts, total, remaining,
                perSecond, eta, Optional.ofNullable(batch.getSubmittedAt())));
    }
}
