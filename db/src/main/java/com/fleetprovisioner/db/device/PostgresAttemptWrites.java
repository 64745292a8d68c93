package com.fleetprovisioner.db.device;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.DeviceUpdate;
import com.fleetprovisioner.core.provisioning.LeasedDevice;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;

/**
 * PostgreSQL only: an attempt's lease, write-ahead mark and finish, each one statement (data-modifying
 * WITH: the conditional UPDATE, its counter deltas and the attempt's events together) whose text never
 * changes, so that pgjdbc keeps it prepared on the server and nothing is rendered per call. Measured on
 * the shipped jar (README, "Pipeline on PostgreSQL"): jOOQ rendering the same statements again for
 * every device was a fifth of the app's CPU, and two to four statements plus a COMMIT per step were
 * most of PostgreSQL's. The conditions are exactly those of the portable statements in
 * {@link JooqDeviceRepository}: the UPDATE re-checks them on the newest row version, so a concurrent
 * holder makes it match nothing.
 */
final class PostgresAttemptWrites {
    private static final String ACTIVE = DeviceState.activeIds().stream().map(s -> "'" + s + "'")
            .collect(Collectors.joining(", "));
    private static final String SENDING = "'" + DeviceState.SENDING.id() + "'";

    private static final String LEASE = """
            with cur as (
              select device.*, batch.state as batch_state from device join batch on batch.id = device.batch_id
              where device.id = ?),
            taken as (
              update device set lease_owner = ?, lease_until = ?, state = %2$s, attempts = device.attempts + 1,
                updated_at = clock.ts
              from cur, (select cast(? as timestamptz) as ts) clock
              where device.id = cur.id and cur.state in (%1$s) and device.state = cur.state
                and device.attempts = cur.attempts and device.requeue_generation = cur.requeue_generation
                and device.outcome_unknown = cur.outcome_unknown and device.sent_at is not distinct from cur.sent_at
                and %3$s
                and (device.next_attempt_at is null or device.next_attempt_at <= clock.ts)
                and not exists (select 1 from batch where batch.id = device.batch_id and batch.paused)
              returning device.id),
            counted as (
              insert into device_count_delta (batch_id, state, n)
              select cur.batch_id, cur.state, -1 from cur join taken on taken.id = cur.id where cur.state <> %2$s
              union all
              select cur.batch_id, %2$s, 1 from cur join taken on taken.id = cur.id where cur.state <> %2$s)
            select cur.id, cur.provider_id, cur.kind, cur.company_id, cur.name, cur.phone_number, cur.password_secret,
              cur.config_id, cur.batch_id, cur.attempts, cur.outcome_unknown, cur.sent_at, cur.batch_state,
              exists (select 1 from taken) as taken
            from cur""".formatted(ACTIVE, SENDING, Leases.free("device.lease_until", "clock.ts"));

    /** The attempt's events, in order; a row flagged {@code if_changed} only when {@code changed} has a row. */
    private static final String WRITTEN = """
            written as (
              insert into device_event (device_id, at, type, attempt, error_code, message_key, message_args,
                actor_user_id, worker, latency_ms)
              select e.device_id, e.at, e.type, e.attempt, e.error_code, e.message_key, e.message_args,
                e.actor_user_id, e.worker, e.latency_ms
              from unnest(cast(? as bigint[]), cast(? as timestamptz[]), cast(? as varchar[]), cast(? as int[]),
                  cast(? as int[]), cast(? as varchar[]), cast(? as varchar[]), cast(? as bigint[]),
                  cast(? as varchar[]), cast(? as bigint[]), cast(? as boolean[]))
                with ordinality as e(device_id, at, type, attempt, error_code, message_key, message_args,
                  actor_user_id, worker, latency_ms, if_changed, n)
              where not e.if_changed or exists (select 1 from changed)
              order by e.n)
            select count(*) from changed""";

    private static final String MARK = """
            with changed as (
              update device set sent_at = ?, outcome_unknown = true, lease_until = ?, updated_at = ?
              where id = ? and %s and state = %s
              returning id),
            """.formatted(Leases.HELD, SENDING) + WRITTEN;

    /** The portable finish ({@link JooqDeviceRepository#FINISH}), its counter deltas and the attempt's events. */
    private static final String FINISH = "with changed as (\n" + JooqDeviceRepository.FINISH + """

              returning id, batch_id, state),
            slot as (select cast(? as bigint) as slot),
            counted as (
              insert into device_count_delta (batch_id, state, slot, n)
              select batch_id, cast(%1$s as varchar), cast(null as bigint), -1 from changed where state <> %1$s
              union all
              select batch_id, state, cast(null as bigint), 1 from changed where state <> %1$s
              union all
              select cast(null as bigint), cast(null as varchar), slot.slot, 1 from changed, slot
              where slot.slot is not null),
            """.formatted(SENDING) + WRITTEN;

    private final DSLContext dsl;

    PostgresAttemptWrites(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<LeasedDevice> lease(long deviceId, String owner, Instant now, Instant until) {
        return dsl.connectionResult(c -> {
            try (PreparedStatement s = c.prepareStatement(LEASE)) {
                s.setLong(1, deviceId);
                s.setString(2, owner);
                s.setObject(3, at(until));
                s.setObject(4, at(now));
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next() || !r.getBoolean("taken")) {
                        return Optional.empty();
                    }
                    return Optional.of(new LeasedDevice(r.getLong("id"), r.getString("provider_id"), r.getString("kind"),
                            r.getLong("company_id"), Optional.ofNullable(r.getString("name")),
                            Optional.ofNullable(r.getString("phone_number")),
                            Optional.ofNullable(r.getString("password_secret")),
                            Optional.ofNullable(r.getObject("config_id", Long.class)), r.getLong("batch_id"),
                            r.getInt("attempts") + 1, r.getBoolean("outcome_unknown"),
                            Optional.ofNullable(r.getObject("sent_at", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                            Batch.State.fromId(r.getString("batch_state")) == Batch.State.CANCELLED));
                }
            }
        });
    }

    boolean markSending(long deviceId, String owner, Instant now, Instant leaseUntil, List<DeviceEvent> events,
            DeviceEvent ifMarked) {
        return dsl.connectionResult(c -> {
            try (PreparedStatement s = c.prepareStatement(MARK)) {
                s.setObject(1, at(now));
                s.setObject(2, at(leaseUntil));
                s.setObject(3, at(now));
                s.setLong(4, deviceId);
                s.setString(5, owner);
                s.setObject(6, at(now));
                return changed(c, s, 7, events, ifMarked);
            }
        });
    }

    boolean finish(long deviceId, String owner, DeviceUpdate u, Instant now, List<DeviceEvent> events,
            DeviceEvent ifFinished) {
        return dsl.connectionResult(c -> {
            try (PreparedStatement s = c.prepareStatement(FINISH)) {
                s.setString(1, u.state().id());
                s.setObject(2, u.nextAttemptAt().map(PostgresAttemptWrites::at).orElse(null), Types.TIMESTAMP_WITH_TIMEZONE);
                s.setBoolean(3, u.outcomeUnknown());
                s.setObject(4, u.errorCode().orElse(null), Types.INTEGER);
                s.setString(5, u.errorMessage().map(Text::key).orElse(null));
                s.setString(6, u.errorMessage().map(Text::argsJson).orElse(null));
                s.setBoolean(7, u.giveBackAttempt());
                s.setObject(8, at(now));
                s.setObject(9, u.receivedAt().map(PostgresAttemptWrites::at).orElse(null), Types.TIMESTAMP_WITH_TIMEZONE);
                s.setObject(10, u.billingStartedAt().map(PostgresAttemptWrites::at).orElse(null),
                        Types.TIMESTAMP_WITH_TIMEZONE);
                s.setBoolean(11, u.forgetSend());
                s.setLong(12, deviceId);
                s.setString(13, owner);
                s.setObject(14, u.billingStartedAt().map(DeviceCounters::slot).orElse(null), Types.BIGINT);
                return changed(c, s, 15, events, ifFinished);
            }
        });
    }

    /** Binds the events from parameter {@code first} on, runs the statement: true when the row changed. */
    private static boolean changed(Connection c, PreparedStatement s, int first, List<DeviceEvent> events,
            DeviceEvent ifChanged) throws SQLException {
        List<DeviceEvent> all = new ArrayList<>(events);
        if (ifChanged != null) {
            all.add(ifChanged);
        }
        bindEvents(c, s, first, all, events.size());
        try (ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1) == 1;
        }
    }

    /**
     * The events as the eleven arrays {@link #WRITTEN} unnests, one per column, from parameter {@code first} on;
     * those from index {@code unconditional} on are written only if the row changed.
     */
    private static void bindEvents(Connection c, PreparedStatement s, int first, List<DeviceEvent> all,
            int unconditional) throws SQLException {
        s.setArray(first, array(c, "int8", all, DeviceEvent::deviceId, Long[]::new));
        s.setArray(first + 1, array(c, "timestamptz", all, e -> e.at().toString(), String[]::new));
        s.setArray(first + 2, array(c, "varchar", all, e -> e.type().id(), String[]::new));
        s.setArray(first + 3, array(c, "int4", all, e -> e.attempt().orElse(null), Integer[]::new));
        s.setArray(first + 4, array(c, "int4", all, e -> e.errorCode().orElse(null), Integer[]::new));
        s.setArray(first + 5, array(c, "varchar", all, e -> e.text().key(), String[]::new));
        s.setArray(first + 6, array(c, "varchar", all, e -> e.text().argsJson(), String[]::new));
        s.setArray(first + 7, array(c, "int8", all, e -> e.actorUserId().orElse(null), Long[]::new));
        s.setArray(first + 8, array(c, "varchar", all, e -> e.worker().orElse(null), String[]::new));
        s.setArray(first + 9, array(c, "int8", all, e -> e.latencyMs().orElse(null), Long[]::new));
        s.setArray(first + 10, c.createArrayOf("bool",
                IntStream.range(0, all.size()).mapToObj(i -> i >= unconditional).toArray(Boolean[]::new)));
    }

    private static <T> Array array(Connection c, String type, List<DeviceEvent> events, Function<DeviceEvent, T> column,
            IntFunction<T[]> arrays) throws SQLException {
        return c.createArrayOf(type, events.stream().map(column).toArray(arrays));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
