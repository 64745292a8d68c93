package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.Prepared.or;
import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.provisioning.DeviceCorrection;
import com.fleetprovisioner.core.provisioning.DeviceDetail;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.DeviceRepository;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.DeviceUpdate;
import com.fleetprovisioner.core.provisioning.LeasedDevice;
import com.fleetprovisioner.db.Prepared;
import com.fleetprovisioner.db.batch.BatchLifecycle;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The pipeline's writes to the device table; every state change is one conditional UPDATE. On PostgreSQL
 * an attempt's lease, write-ahead mark and finish are each one statement ({@link PostgresAttemptWrites}):
 * the update, its counter deltas and its events in one round trip instead of two to four, and without a
 * caller's transaction in autocommit (no COMMIT round trip). On H2 each runs its statements in a
 * transaction of its own (or the caller's).
 */
public final class JooqDeviceRepository implements DeviceRepository {
    private static final List<String> ACTIVE = DeviceState.activeIds();

    private final DSLContext dsl;
    /** PostgreSQL: the pipeline's writes as one statement each (H2 has no data-modifying WITH). */
    private final boolean oneStatement;
    private final PostgresAttemptWrites writes;
    private final DeviceReads reads;
    private final DeviceCounters counters;
    private final BatchLifecycle lifecycle;

    public JooqDeviceRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.counters = new DeviceCounters(dsl);
        this.reads = new DeviceReads(dsl, counters);
        this.lifecycle = new BatchLifecycle(dsl, counters);
        this.oneStatement = dsl.dialect().family() == SQLDialect.POSTGRES;
        this.writes = new PostgresAttemptWrites(dsl);
    }

    /**
     * The lease's two statements, written once and run through JDBC ({@link Prepared}): jOOQ rendered them
     * again for every lease (4.6 % of the CPU of a 10,000-device H2 run). The UPDATE's conditions are those
     * of {@link Leases#free}, {@link #due} and {@link #batchNotPaused}.
     */
    private static final String LEASE_READ = """
            select device.id, device.provider_id, device.kind, device.company_id, device.name, device.phone_number,
              device.password_secret, device.config_id, device.batch_id, device.state, device.attempts,
              device.requeue_generation, device.outcome_unknown, device.sent_at, batch.state
            from device join batch on batch.id = device.batch_id where device.id = ?""";
    private static final String LEASE_TAKE = """
            update device set lease_owner = ?, lease_until = ?, state = ?, attempts = attempts + 1, updated_at = ?
            where id = ? and state = ? and attempts = ? and requeue_generation = ? and outcome_unknown = ?
              and sent_at is not distinct from ?
              and %s and (next_attempt_at is null or next_attempt_at <= ?)
              and not exists (select 1 from batch where batch.id = device.batch_id and batch.paused)"""
            .formatted(Leases.free("lease_until", "?"));

    /** The write-ahead mark, before every mergeProvider frame (written once, as the lease's statements). */
    private static final String MARK_SENDING = """
            update device set sent_at = ?, outcome_unknown = true, lease_until = ?, updated_at = ?
            where id = ? and %s and state = ?""".formatted(Leases.HELD);

    /**
     * An attempt's end, the holder's only, expired or not (see {@link Leases}): a received or billing time only
     * where given, the text as its key and arguments (the message column holds older rows' sentences), the
     * attempt given back or the write-ahead mark forgotten by a flag. Written once and bound through JDBC, as
     * the lease's statements (jOOQ built and rendered it again for every device); {@link PostgresAttemptWrites}
     * runs the same UPDATE inside its one-statement finish, so the two cannot drift apart.
     */
    static final String FINISH = """
            update device set state = ?, next_attempt_at = ?, outcome_unknown = ?, last_error_code = ?,
              last_error_message = null, last_error_key = ?, last_error_args = ?, lease_owner = null, lease_until = null,
              attempts = attempts - case when cast(? as boolean) then 1 else 0 end, updated_at = ?,
              received_at = coalesce(cast(? as timestamp with time zone), received_at),
              billing_started_at = coalesce(cast(? as timestamp with time zone), billing_started_at),
              sent_at = case when cast(? as boolean) then null else sent_at end
            where id = ? and lease_owner = ? and state = '%s'""".formatted(DeviceState.SENDING.id());

    /** An attempt's events: one INSERT per row count, written when first needed. */
    private static final Map<Integer, String> EVENT_INSERTS = new ConcurrentHashMap<>();

    /** The device row as a lease reads it. */
    private record Found(LeasedDevice device, String state, int attempts, int requeueGeneration) {}

    private static Condition due(Instant now) {
        return DEVICE.NEXT_ATTEMPT_AT.isNull().or(DEVICE.NEXT_ATTEMPT_AT.le(now));
    }

    private static Condition batchNotPaused() {
        return DSL.notExists(DSL.selectOne().from(BATCH).where(BATCH.ID.eq(DEVICE.BATCH_ID)).and(BATCH.PAUSED.isTrue()));
    }

    @Override
    public Optional<LeasedDevice> lease(long deviceId, String owner, Instant now, Instant until) {
        return oneStatement ? writes.lease(deviceId, owner, now, until)
                : dsl.transactionResult(() -> leaseInStatements(deviceId, owner, now, until));
    }

    private Optional<LeasedDevice> leaseInStatements(long deviceId, String owner, Instant now, Instant until) {
        // 'sending' with an expired lease = the holder died mid-attempt; its write-ahead mark makes the
        // next holder reconcile first. The row is read once, before the UPDATE, which then requires what
        // the attempt works from unchanged: state, attempts (every lease counts one), requeue generation
        // (every requeue or replacement counts one, and only those change the device's own fields) and the
        // write-ahead mark. Not updated_at: H2 then plans the UPDATE on (state, updated_at), which a whole
        // submitted batch shares, instead of the primary key, and reads the batch for every lease.
        Optional<Found> read = Prepared.first(dsl, LEASE_READ, JooqDeviceRepository::found, deviceId);
        if (read.isEmpty() || !ACTIVE.contains(read.get().state())) {
            return Optional.empty();
        }
        Found f = read.get();
        LeasedDevice d = f.device();
        int taken = Prepared.update(dsl, LEASE_TAKE, owner, until, DeviceState.SENDING.id(), now, deviceId, f.state(),
                f.attempts(), f.requeueGeneration(), d.outcomeUnknown(), Prepared.instantOrNull(d.sentAt().orElse(null)),
                now, now);
        if (taken == 0) {
            return Optional.empty();
        }
        counters.moved(d.batchId(), DeviceState.fromId(f.state()), DeviceState.SENDING, 1);
        return Optional.of(d);
    }

    private static Found found(ResultSet rs) throws SQLException {
        int attempts = rs.getInt(11);
        LeasedDevice device = new LeasedDevice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                Optional.ofNullable(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                Optional.ofNullable(rs.getString(7)), Optional.ofNullable((Long) rs.getObject(8, Long.class)),
                rs.getLong(9), attempts + 1, rs.getBoolean(13), Optional.ofNullable(Prepared.instant(rs, 14)),
                Batch.State.fromId(rs.getString(15)) == Batch.State.CANCELLED);
        return new Found(device, rs.getString(10), attempts, rs.getInt(12));
    }

    @Override
    public boolean markSending(long deviceId, String owner, Instant now, Instant leaseUntil) {
        if (oneStatement) {
            return writes.markSending(deviceId, owner, now, leaseUntil, List.of(), null);
        }
        return Prepared.update(dsl, MARK_SENDING, now, leaseUntil, now, deviceId, owner, now, DeviceState.SENDING.id()) == 1;
    }

    @Override
    public boolean markSending(long deviceId, String owner, Instant now, Instant leaseUntil, List<DeviceEvent> events,
            DeviceEvent ifMarked) {
        return oneStatement ? writes.markSending(deviceId, owner, now, leaseUntil, events, ifMarked)
                : dsl.transactionResult(() -> DeviceRepository.super.markSending(deviceId, owner, now, leaseUntil, events,
                        ifMarked));
    }

    @Override
    public boolean finish(long deviceId, String owner, DeviceUpdate u, Instant now, List<DeviceEvent> events,
            DeviceEvent ifFinished) {
        return oneStatement ? writes.finish(deviceId, owner, u, now, events, ifFinished)
                : dsl.transactionResult(() -> DeviceRepository.super.finish(deviceId, owner, u, now, events, ifFinished));
    }

    @Override
    public boolean finish(long deviceId, String owner, DeviceUpdate u, Instant now) {
        if (oneStatement) {
            return writes.finish(deviceId, owner, u, now, List.of(), null);
        }
        boolean finished = Prepared.update(dsl, FINISH, u.state().id(),
                Prepared.instantOrNull(u.nextAttemptAt().orElse(null)), u.outcomeUnknown(),
                or(u.errorCode(), Prepared.Null.INTEGER), or(u.errorMessage().map(Text::key), Prepared.Null.VARCHAR),
                or(u.errorMessage().map(Text::argsJson), Prepared.Null.VARCHAR), u.giveBackAttempt(), now,
                Prepared.instantOrNull(u.receivedAt().orElse(null)), Prepared.instantOrNull(u.billingStartedAt().orElse(null)),
                u.forgetSend(), deviceId, owner) == 1;
        if (finished) {
            counters.moved(deviceId, DeviceState.SENDING, u.state(), u.billingStartedAt());
        }
        return finished;
    }

    @Override
    public void append(DeviceEvent e) {
        dsl.insertInto(DEVICE_EVENT)
                .set(DEVICE_EVENT.DEVICE_ID, e.deviceId())
                .set(DEVICE_EVENT.AT, e.at())
                .set(DEVICE_EVENT.TYPE, e.type().id())
                .set(DEVICE_EVENT.ATTEMPT, e.attempt().orElse(null))
                .set(DEVICE_EVENT.ERROR_CODE, e.errorCode().orElse(null))
                .set(DEVICE_EVENT.MESSAGE_KEY, e.text().key())
                .set(DEVICE_EVENT.MESSAGE_ARGS, e.text().argsJson())
                .set(DEVICE_EVENT.ACTOR_USER_ID, e.actorUserId().orElse(null))
                .set(DEVICE_EVENT.WORKER, e.worker().orElse(null))
                .set(DEVICE_EVENT.LATENCY_MS, e.latencyMs().orElse(null))
                .execute();
    }

    /**
     * An attempt's events (two or three) in one INSERT, written once per row count and run through JDBC
     * ({@link Prepared}): jOOQ rendered it again for every attempt (2.9 % of a 10,000-device H2 run's CPU).
     */
    @Override
    public void append(List<DeviceEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Object> values = new ArrayList<>(events.size() * 10);
        for (DeviceEvent e : events) {
            values.addAll(List.of(e.deviceId(), e.at(), e.type().id(), or(e.attempt(), Prepared.Null.INTEGER),
                    or(e.errorCode(), Prepared.Null.INTEGER), or(Optional.ofNullable(e.text().key()), Prepared.Null.VARCHAR),
                    or(Optional.ofNullable(e.text().argsJson()), Prepared.Null.VARCHAR),
                    or(e.actorUserId(), Prepared.Null.BIGINT), or(e.worker(), Prepared.Null.VARCHAR),
                    or(e.latencyMs(), Prepared.Null.BIGINT)));
        }
        Prepared.update(dsl, EVENT_INSERTS.computeIfAbsent(events.size(), JooqDeviceRepository::eventInsert), values.toArray());
    }

    private static String eventInsert(int rows) {
        return "insert into device_event (device_id, at, type, attempt, error_code, message_key, message_args,"
                + " actor_user_id, worker, latency_ms)"
                + " values " + String.join(", ", Collections.nCopies(rows, "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    }

    @Override
    public List<Long> queuedInRange(long batchId, long afterId, long toId, Instant now, int limit) {
        // ix_device_batch_state (batch_id, state, id): a range scan from the cursor
        return dsl.select(DEVICE.ID).from(DEVICE)
                .where(DEVICE.BATCH_ID.eq(batchId)).and(DEVICE.STATE.eq(DeviceState.QUEUED.id()))
                .and(DEVICE.ID.gt(afterId)).and(DEVICE.ID.le(toId)).and(due(now))
                .orderBy(DEVICE.ID).limit(limit)
                .fetch(DEVICE.ID);
    }

    @Override
    public List<Long> queuedFromTop(long batchId, Instant now, int limit) {
        // ix_device_batch_state (batch_id, state, id): PostgreSQL reads it backwards from the batch's highest
        // queued id; H2 sorts the queued rows it finds there (a few hundred at a batch's tail, when this runs)
        return dsl.select(DEVICE.ID).from(DEVICE)
                .where(DEVICE.BATCH_ID.eq(batchId)).and(DEVICE.STATE.eq(DeviceState.QUEUED.id()))
                .and(due(now)).and(Leases.free(now)).and(batchNotPaused())
                .orderBy(DEVICE.ID.desc()).limit(limit)
                .fetch(DEVICE.ID);
    }

    @Override
    public List<Long> stranded(Instant now, Instant changedBefore, int limit) {
        return stranded(now, changedBefore, java.util.Set.of(), limit);
    }

    @Override
    public List<Long> stranded(Instant now, Instant changedBefore, java.util.Set<Long> exceptBatches, int limit) {
        return dsl.select(DEVICE.ID).from(DEVICE)
                .where(DEVICE.STATE.in(ACTIVE)).and(DEVICE.UPDATED_AT.lt(changedBefore))
                // a range job reaches only queued devices: retrying and sending ones are swept in any batch
                .and(exceptBatches.isEmpty() ? DSL.noCondition()
                        : DEVICE.BATCH_ID.notIn(exceptBatches).or(DEVICE.STATE.ne(DeviceState.QUEUED.id())))
                .and(Leases.free(now)).and(due(now)).and(batchNotPaused())
                .orderBy(DEVICE.UPDATED_AT).limit(limit)
                .fetch(DEVICE.ID);
    }

    @Override
    public List<Long> activeInBatch(long batchId) {
        return dsl.select(DEVICE.ID).from(DEVICE).where(DEVICE.BATCH_ID.eq(batchId)).and(DEVICE.STATE.in(ACTIVE))
                .fetch(DEVICE.ID);
    }

    @Override
    public boolean setBatchPaused(long batchId, boolean paused, Instant now) {
        return lifecycle.setPaused(batchId, paused, now);
    }

    @Override
    public List<Long> cancelBatch(long batchId, Instant now) {
        lifecycle.cancel(batchId, now);
        // never a device that may already be added (unknown outcome) or that a worker holds right now
        Condition cancellable = DEVICE.BATCH_ID.eq(batchId)
                .and(DEVICE.STATE.in(DeviceState.QUEUED.id(), DeviceState.RETRYING.id()))
                .and(DEVICE.OUTCOME_UNKNOWN.isFalse()).and(Leases.free(now));
        Map<Long, String> stateOf = dsl.select(DEVICE.ID, DEVICE.STATE).from(DEVICE).where(cancellable).forUpdate()
                .fetchMap(DEVICE.ID, DEVICE.STATE);
        if (stateOf.isEmpty()) {
            lifecycle.endIfIdle(batchId, now);
            return List.of();
        }
        List<Long> ids = List.copyOf(stateOf.keySet());
        dsl.update(DEVICE).set(DEVICE.STATE, DeviceState.CANCELLED.id()).setNull(DEVICE.NEXT_ATTEMPT_AT)
                .set(DEVICE.UPDATED_AT, now).where(cancellable).and(DEVICE.ID.in(ids)).execute();
        List<Long> cancelled = dsl.select(DEVICE.ID).from(DEVICE).where(DEVICE.ID.in(ids))
                .and(DEVICE.STATE.eq(DeviceState.CANCELLED.id())).fetch(DEVICE.ID);
        cancelled.stream().collect(Collectors.groupingBy(stateOf::get, Collectors.counting()))
                .forEach((from, n) -> counters.moved(batchId, DeviceState.fromId(from), DeviceState.CANCELLED,
                        Math.toIntExact(n)));
        lifecycle.endIfIdle(batchId, now);
        return cancelled;
    }

    @Override
    public List<Long> requeueFailed(long batchId, Instant now) {
        return requeueAll(batchId, DeviceState.FAILED, now);
    }

    @Override
    public List<Long> requeueCancelled(long batchId, Instant now) {
        return requeueAll(batchId, DeviceState.CANCELLED, now);
    }

    private List<Long> requeueAll(long batchId, DeviceState state, Instant now) {
        lifecycle.lock(batchId); // the batch row before the devices', as a single requeue takes them
        List<Long> ids = dsl.select(DEVICE.ID).from(DEVICE).where(DEVICE.BATCH_ID.eq(batchId))
                .and(DEVICE.STATE.eq(state.id())).forUpdate().fetch(DEVICE.ID);
        return ids.stream().filter(id -> requeue(id, now)).toList();
    }

    @Override
    public boolean requeue(long deviceId, Instant now) {
        // failed devices are known not to be added (unknown outcomes are never failed), so sent_at is
        // cleared: the next attempt starts with a reconcile again.
        var before = dsl.select(DEVICE.STATE, DEVICE.BATCH_ID).from(DEVICE).where(DEVICE.ID.eq(deviceId)).fetchOne();
        if (before == null) {
            return false;
        }
        lifecycle.lock(before.value2());
        boolean requeued = dsl.update(DEVICE)
                .set(DEVICE.STATE, DeviceState.QUEUED.id())
                .set(DEVICE.ATTEMPTS, 0)
                .setNull(DEVICE.NEXT_ATTEMPT_AT)
                .setNull(DEVICE.SENT_AT)
                .set(DEVICE.OUTCOME_UNKNOWN, false)
                .set(DEVICE.REQUEUE_GENERATION, DEVICE.REQUEUE_GENERATION.plus(1))
                .set(DEVICE.UPDATED_AT, now)
                .where(DEVICE.ID.eq(deviceId))
                .and(DEVICE.STATE.eq(before.value1()))
                .and(DEVICE.STATE.in(DeviceState.FAILED.id(), DeviceState.CANCELLED.id()))
                .and(DEVICE.OUTCOME_UNKNOWN.isFalse())
                .execute() == 1;
        if (requeued) {
            counters.moved(before.value2(), DeviceState.fromId(before.value1()), DeviceState.QUEUED, 1);
            lifecycle.reopen(before.value2(), now);
        }
        return requeued;
    }

    @Override
    public boolean correct(long deviceId, DeviceCorrection correction, Instant now) {
        var update = dsl.update(DEVICE)
                .set(DEVICE.KIND, correction.kind())
                .set(DEVICE.COMPANY_ID, correction.companyId())
                .set(DEVICE.PHONE_NUMBER, correction.phone().orElse(null))
                .set(DEVICE.PASSWORD_SECRET, correction.sealedPassword().isPresent()
                        ? DSL.val(correction.sealedPassword().get()) : DEVICE.PASSWORD_SECRET)
                .set(DEVICE.UPDATED_AT, now);
        return update.where(DEVICE.ID.eq(deviceId))
                .and(DEVICE.STATE.in(DeviceState.FAILED.id(), DeviceState.CANCELLED.id()))
                .and(DEVICE.OUTCOME_UNKNOWN.isFalse())
                .execute() == 1;
    }

    @Override
    public Optional<DeviceDetail> findByProviderId(String providerId) {
        return reads.detail(DEVICE.PROVIDER_ID.eq(providerId));
    }

    @Override
    public Optional<DeviceDetail> findById(long deviceId) {
        return reads.detail(DEVICE.ID.eq(deviceId));
    }

    @Override
    public Optional<com.fleetprovisioner.core.provisioning.BatchProgress> batchProgress(long batchId, Instant now) {
        return reads.batchProgress(batchId, now);
    }
}
