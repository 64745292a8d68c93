package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.Prepared.or;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.DeviceIntake;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.KnownDevice;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.Prepared;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

public final class JooqDeviceIntake implements DeviceIntake {
    /** Rows per statement: keeps IN lists and batches at a size both databases handle well. */
    private static final int CHUNK = 500;
    private static final int INSERT_COLUMNS = 13;
    private static final int EVENT_COLUMNS = 5;
    private static final String FULL_INSERT = insertSql(CHUNK);
    private static final String FULL_EVENTS = eventSql(CHUNK);
    /** A submitted device's first event: a key, no arguments. */
    private static final String SUBMITTED = "event.text.submitted";

    private final DSLContext dsl;
    private final DeviceCounters counters;

    public JooqDeviceIntake(DSLContext dsl) {
        this.dsl = dsl;
        this.counters = new DeviceCounters(dsl);
    }

    @Override
    public List<Queued> insertQueued(List<NewDevice> devices, Instant now) {
        List<Queued> queued = new ArrayList<>();
        for (int from = 0; from < devices.size(); from += CHUNK) {
            queued.addAll(insertChunk(devices.subList(from, Math.min(devices.size(), from + CHUNK)), now));
        }
        return queued;
    }

    @Override
    public List<Queued> replaceEnded(List<NewDevice> devices, Instant now) {
        List<Queued> replaced = new ArrayList<>();
        Map<String, NewDevice> byProviderId = devices.stream()
                .collect(Collectors.toMap(NewDevice::providerId, d -> d, (a, b) -> a));
        if (byProviderId.isEmpty()) {
            return replaced;
        }
        for (var old : endedAmong(byProviderId.keySet())) {
            NewDevice d = byProviderId.get(old.value4());
            if (d == null || old.value3() == d.batchId()) {
                continue;
            }
            if (moveToBatch(old.value1(), old.value2(), d, now)) {
                counters.movedBatch(old.value3(), DeviceState.fromId(old.value2()), d.batchId(), DeviceState.QUEUED);
                recordReplaced(old.value1(), old.value2(), old.value3(), d, now);
                replaced.add(new Queued(old.value1(), d.providerId()));
            }
        }
        return replaced;
    }

    /**
     * The failed or cancelled devices (id, state, batch, provider id) among {@code providerIds}: one lookup per
     * chunk (a SELECT per row was the largest part of a 20,000-device submit's profile); only the rare ended
     * devices found are then moved one by one.
     */
    private Result<Record4<Long, String, Long, String>> endedAmong(Collection<String> providerIds) {
        return dsl.select(DEVICE.ID, DEVICE.STATE, DEVICE.BATCH_ID, DEVICE.PROVIDER_ID).from(DEVICE)
                .where(DEVICE.PROVIDER_ID.in(lookedUp(List.copyOf(providerIds))))
                .and(DEVICE.STATE.in(DeviceState.FAILED.id(), DeviceState.CANCELLED.id()))
                .and(DEVICE.OUTCOME_UNKNOWN.isFalse())
                .orderBy(DEVICE.ID)
                .fetch();
    }

    /** Moves device {@code id}, still in {@code state}, into {@code d}'s batch with its fields, queued afresh. */
    private boolean moveToBatch(long id, String state, NewDevice d, Instant now) {
        return dsl.update(DEVICE)
                .set(DEVICE.BATCH_ID, d.batchId()).set(DEVICE.BATCH_ROW, d.batchRow().orElse(null))
                .set(DEVICE.KIND, d.kind()).set(DEVICE.COMPANY_ID, d.companyId())
                .set(DEVICE.NAME, d.name().orElse(null)).set(DEVICE.PHONE_NUMBER, d.phoneNumber().orElse(null))
                .set(DEVICE.PASSWORD_SECRET, d.passwordSecret().orElse(null))
                .set(DEVICE.CONFIG_ID, d.configId().orElse(null))
                .set(DEVICE.SUBMITTED_BY, d.submittedBy()).set(DEVICE.SUBMITTED_AT, now)
                .set(DEVICE.STATE, DeviceState.QUEUED.id()).set(DEVICE.ATTEMPTS, 0)
                .setNull(DEVICE.NEXT_ATTEMPT_AT).setNull(DEVICE.SENT_AT).set(DEVICE.OUTCOME_UNKNOWN, false)
                .setNull(DEVICE.LAST_ERROR_CODE).setNull(DEVICE.LAST_ERROR_MESSAGE)
                .setNull(DEVICE.LAST_ERROR_KEY).setNull(DEVICE.LAST_ERROR_ARGS)
                .set(DEVICE.REQUEUE_GENERATION, DEVICE.REQUEUE_GENERATION.plus(1))
                .set(DEVICE.UPDATED_AT, now)
                .where(DEVICE.ID.eq(id)).and(DEVICE.STATE.eq(state))
                .execute() == 1;
    }

    private void recordReplaced(long id, String oldState, long oldBatch, NewDevice d, Instant now) {
        Text replacedBy = Text.of("event.text.replaced", d.batchId(), oldState, oldBatch);
        dsl.insertInto(DEVICE_EVENT, DEVICE_EVENT.DEVICE_ID, DEVICE_EVENT.AT, DEVICE_EVENT.TYPE,
                DEVICE_EVENT.ACTOR_USER_ID, DEVICE_EVENT.MESSAGE_KEY, DEVICE_EVENT.MESSAGE_ARGS)
                .values(id, now, DeviceEvent.Type.QUEUED.id(), d.submittedBy(), replacedBy.key(), replacedBy.argsJson())
                .execute();
    }

    private List<Queued> insertChunk(List<NewDevice> chunk, Instant now) {
        Set<String> before = findKnown(chunk.stream().map(NewDevice::providerId).toList()).keySet();
        List<NewDevice> fresh = chunk.stream().filter(d -> !before.contains(d.providerId())).toList();
        if (fresh.isEmpty()) {
            return List.of();
        }
        List<Queued> queued = dsl.family() == SQLDialect.POSTGRES ? insertReturning(fresh, now) : insertThenRead(fresh, now);
        if (!queued.isEmpty()) {
            Map<String, Long> submitter = chunk.stream()
                    .collect(Collectors.toMap(NewDevice::providerId, NewDevice::submittedBy, (a, b) -> a));
            List<Object> values = new ArrayList<>(queued.size() * EVENT_COLUMNS);
            for (Queued q : queued) {
                values.addAll(List.of(q.deviceId(), now, DeviceEvent.Type.QUEUED.id(), submitter.get(q.providerId()), SUBMITTED));
            }
            Prepared.update(dsl, queued.size() == CHUNK ? FULL_EVENTS : eventSql(queued.size()), values.toArray());
        }
        Map<String, Long> batchOf = fresh.stream()
                .collect(Collectors.toMap(NewDevice::providerId, NewDevice::batchId, (a, b) -> a));
        counters.added(DeviceState.QUEUED, queued.stream().map(q -> batchOf.get(q.providerId())).toList());
        return queued;
    }

    /**
     * PostgreSQL answers with the rows it inserted; ids a concurrent upload took meanwhile are skipped.
     * (Reading them back instead, PostgreSQL chose a sequential scan inside the submit's transaction:
     * 2 s per chunk at 100,000 devices.)
     */
    private List<Queued> insertReturning(List<NewDevice> fresh, Instant now) {
        String sql = deviceInsert(fresh.size()) + " on conflict do nothing returning id, provider_id";
        return Prepared.all(dsl, sql, rs -> new Queued(rs.getLong(1), rs.getString(2)), insertValues(fresh, now));
    }

    /**
     * Not ON CONFLICT on H2: jOOQ emulates it as a MERGE over a UNION ALL of every row, joined on
     * "id = ? OR provider_id = ..." (no index): a 500-row chunk cost H2 hundreds of MB to parse and a
     * scan of the whole table per row. The ids known before are filtered out, so a plain insert fails
     * only on a race, handled row by row; then ours are read back: unknown before and now in this batch
     * (a batch is submitted once), by provider id alone (with "submitted_at = ?" too, H2 may read every
     * device of this submit, chunk after chunk).
     */
    private List<Queued> insertThenRead(List<NewDevice> fresh, Instant now) {
        try {
            insertPrepared(fresh, now);
        } catch (DataAccessException raced) {
            if (!lostRace(raced)) {
                throw raced;
            }
            // H2 fails the whole statement; row by row a lost race is just a skipped row (H2 keeps the
            // transaction usable after a failed statement).
            for (NewDevice device : fresh) {
                insertLosingRacesQuietly(device, now);
            }
        }
        Map<String, Long> batchOf = fresh.stream().collect(Collectors.toMap(NewDevice::providerId, NewDevice::batchId, (a, b) -> a));
        return dsl.select(DEVICE.ID, DEVICE.PROVIDER_ID, DEVICE.BATCH_ID).from(DEVICE)
                .where(providerIdIn(List.copyOf(batchOf.keySet())))
                .fetch().stream()
                .filter(r -> r.value3().equals(batchOf.get(r.value2())))
                .map(r -> new Queued(r.value1(), r.value2()))
                .toList();
    }

    private void insertLosingRacesQuietly(NewDevice device, Instant now) {
        for (int attempt = 1; ; attempt++) {
            try {
                insertPrepared(List.of(device), now);
                return;
            } catch (DataAccessException raced) {
                if (!lostRace(raced)) {
                    throw raced;
                }
                if (raced instanceof IntegrityConstraintViolationException || attempt == 2) {
                    return; // someone else queued this id first
                }
                // "concurrent update": the other transaction still holds the row; try once more
            }
        }
    }

    /** Another transaction inserted the same provider id: a unique violation, or H2's concurrent update (90131). */
    private static boolean lostRace(DataAccessException e) {
        return e instanceof IntegrityConstraintViolationException || "23505".equals(e.sqlState())
                || "90131".equals(e.sqlState());
    }

    /**
     * The rows in one INSERT whose text depends only on the row count (a full chunk's is the same every time,
     * so each database parses it once per connection), bound through JDBC ({@link Prepared}): jOOQ built and
     * rendered 500 rows of 13 values for every chunk, an eighth of a 10,000-device submit on H2.
     */
    private void insertPrepared(List<NewDevice> devices, Instant now) {
        Prepared.update(dsl, deviceInsert(devices.size()), insertValues(devices, now));
    }

    /** The values of {@link #insertSql}, row after row. */
    private static Object[] insertValues(List<NewDevice> devices, Instant now) {
        List<Object> values = new ArrayList<>(devices.size() * INSERT_COLUMNS);
        for (NewDevice d : devices) {
            values.addAll(List.of(d.providerId(), d.kind(), d.companyId(), or(d.name(), Prepared.Null.VARCHAR),
                    or(d.phoneNumber(), Prepared.Null.VARCHAR), or(d.passwordSecret(), Prepared.Null.VARCHAR),
                    or(d.configId(), Prepared.Null.BIGINT), d.batchId(), or(d.batchRow(), Prepared.Null.INTEGER),
                    d.submittedBy(), now, DeviceState.QUEUED.id(), now));
        }
        return values.toArray();
    }

    /** The INSERT of {@code rows} devices: a full chunk's text is made once. */
    private static String deviceInsert(int rows) {
        return rows == CHUNK ? FULL_INSERT : insertSql(rows);
    }

    private static String insertSql(int rows) {
        return "insert into device (provider_id, kind, company_id, name, phone_number, password_secret, config_id,"
                + " batch_id, batch_row, submitted_by, submitted_at, state, updated_at) values " + rows(rows, INSERT_COLUMNS);
    }

    /** The first events of {@code rows} submitted devices, in one INSERT (as the devices are, see {@link #insertPrepared}). */
    private static String eventSql(int rows) {
        return "insert into device_event (device_id, at, type, actor_user_id, message_key) values " + rows(rows, EVENT_COLUMNS);
    }

    /** {@code (?, ?, …), …}: {@code rows} rows of {@code columns} parameters. */
    private static String rows(int rows, int columns) {
        String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        return String.join(", ", Collections.nCopies(rows, row));
    }

    @Override
    public List<Long> queuedIn(long batchId, long afterDeviceId, int limit) {
        return dsl.select(DEVICE.ID).from(DEVICE)
                .where(DEVICE.BATCH_ID.eq(batchId)).and(DEVICE.STATE.eq(DeviceState.QUEUED.id()))
                .and(DEVICE.ID.gt(afterDeviceId))
                .orderBy(DEVICE.ID).limit(limit).fetch(DEVICE.ID);
    }

    @Override
    public Map<String, KnownDevice> findKnown(Collection<String> providerIds) {
        Map<String, KnownDevice> known = new HashMap<>();
        List<String> ids = List.copyOf(providerIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            dsl.select(DEVICE.ID, DEVICE.PROVIDER_ID, DEVICE.STATE, DEVICE.BATCH_ID, DEVICE.BILLING_STARTED_AT)
                    .from(DEVICE)
                    .where(providerIdIn(ids.subList(from, Math.min(ids.size(), from + CHUNK))))
                    .forEach(r -> known.put(r.value2(), new KnownDevice(r.value1(), r.value2(),
                            DeviceState.fromId(r.value3()), r.value4(), Optional.ofNullable(r.value5()))));
        }
        return known;
    }

    /**
     * Ids written into the SQL, not bound: with 500 bound ids PostgreSQL's cached generic plan (made while
     * the submit's own transaction was filling the table) read the whole table per chunk, 1.5–2 s each at
     * 100,000 devices. The ids are validated, and jOOQ quotes inlined values anyway.
     */
    private static List<Field<String>> inlined(List<String> ids) {
        return ids.stream().<Field<String>>map(DSL::inline).toList();
    }

    /**
     * A known-device lookup: ids inlined on PostgreSQL (above); on H2 one bound array, {@code = ANY(?)}, which
     * H2 looks up in the provider id's index like an IN list. With 500 bound ids instead, rendering the query
     * through jOOQ's model for every chunk was a sixth of an upload's reading thread.
     */
    private Condition providerIdIn(List<String> ids) {
        return dsl.family() == SQLDialect.H2
                ? DSL.condition("{0} = any({1})", DEVICE.PROVIDER_ID, // DSL.any(array) would render 500 ORs
                        DSL.val(ids.toArray(String[]::new), SQLDataType.VARCHAR.array()))
                : DEVICE.PROVIDER_ID.in(inlined(ids));
    }

    /**
     * The ids of a known-device lookup: inlined on PostgreSQL (above); bound on H2, which has no generic
     * plan and whose per-session statement cache then reuses the parsed 500-id query. Parsing the inlined
     * query for every chunk was 6 % of a 100,000-row upload.
     */
    private List<Field<String>> lookedUp(List<String> ids) {
        return dsl.family() == SQLDialect.H2 ? ids.stream().<Field<String>>map(DSL::val).toList() : inlined(ids);
    }
}
