package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.BILLING_COUNT;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_COUNT;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_COUNT_DELTA;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_STATE_TOTAL;

import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.db.Prepared;
import com.fleetprovisioner.db.jooq.tables.records.DeviceCountDeltaRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Devices per state, in all and per batch, and billing starts per 15-minute slot, kept exact by every
 * writer of {@code device.state} in the writer's own transaction (V8). Writers only INSERT deltas, so
 * concurrent workers never wait for each other on a counter row (a single hot row would serialise the
 * pipeline); {@link #fold()} moves committed deltas into the folded tables, one folder at a time. Reads
 * add the folded value and the deltas still waiting in one statement, so they see one snapshot.
 */
public final class DeviceCounters {
    static final long SLOT_SECONDS = 900;
    /** Deltas moved per fold transaction. */
    private static final int FOLD_CHUNK = 10_000;
    /** A read that had to add up more waiting deltas than this folds them (no worker may be running). */
    private static final int FOLD_AFTER = 5_000;
    private static final int DELETE_CHUNK = 1_000;

    /*
     * The deltas of every lease and finish, written once and run through JDBC (Prepared): jOOQ rendered
     * these INSERTs again for every device, 2 % of the CPU of a 10,000-device H2 run.
     */
    private static final String MOVED = "insert into device_count_delta (batch_id, state, n) values (?, ?, ?), (?, ?, ?)";
    private static final String MOVED_OF_DEVICE = """
            insert into device_count_delta (batch_id, state, slot, n)
            select batch_id, cast(? as varchar(16)), cast(null as bigint), -1 from device where id = ?
            union all select batch_id, cast(? as varchar(16)), cast(null as bigint), 1 from device where id = ?""";
    private static final String MOVED_BILLED = MOVED_OF_DEVICE
            + "\nunion all select cast(null as bigint), cast(null as varchar(16)), cast(? as bigint), 1";

    private final DSLContext dsl;

    public DeviceCounters(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Devices just inserted in {@code state}: one batch id per device. */
    public void added(DeviceState state, List<Long> batchIdPerDevice) {
        Map<Long, Long> perBatch = batchIdPerDevice.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        if (perBatch.isEmpty()) {
            return;
        }
        var insert = dsl.insertInto(DEVICE_COUNT_DELTA, DEVICE_COUNT_DELTA.BATCH_ID, DEVICE_COUNT_DELTA.STATE,
                DEVICE_COUNT_DELTA.N);
        for (Map.Entry<Long, Long> e : perBatch.entrySet()) {
            insert = insert.values(e.getKey(), state.id(), Math.toIntExact(e.getValue()));
        }
        insert.execute();
    }

    /** {@code n} devices of one batch moved from one state to another. */
    public void moved(long batchId, DeviceState from, DeviceState to, int n) {
        if (from == to || n == 0) {
            return;
        }
        Prepared.update(dsl, MOVED, batchId, from.id(), -n, batchId, to.id(), n);
    }

    /** One device moved to another batch and state (a re-upload replaced it). */
    public void movedBatch(long fromBatch, DeviceState from, long toBatch, DeviceState to) {
        dsl.insertInto(DEVICE_COUNT_DELTA, DEVICE_COUNT_DELTA.BATCH_ID, DEVICE_COUNT_DELTA.STATE, DEVICE_COUNT_DELTA.N)
                .values(fromBatch, from.id(), -1).values(toBatch, to.id(), 1).execute();
    }

    /**
     * One device moved (its batch read in the same statement) and, when given, its billing started:
     * one INSERT whatever the change.
     */
    public void moved(long deviceId, DeviceState from, DeviceState to, Optional<Instant> billingStartedAt) {
        if (from != to && billingStartedAt.isPresent()) {
            Prepared.update(dsl, MOVED_BILLED, from.id(), deviceId, to.id(), deviceId, slot(billingStartedAt.get()));
        } else if (from != to) {
            Prepared.update(dsl, MOVED_OF_DEVICE, from.id(), deviceId, to.id(), deviceId);
        } else if (billingStartedAt.isPresent()) {
            dsl.insertInto(DEVICE_COUNT_DELTA, DEVICE_COUNT_DELTA.SLOT, DEVICE_COUNT_DELTA.N)
                    .values(slot(billingStartedAt.get()), 1).execute();
        }
    }

    static long slot(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), SLOT_SECONDS);
    }

    /** Devices per state over all batches; every state, zero where there are none. */
    public Map<DeviceState, Long> total() {
        var folded = DSL.select(DEVICE_STATE_TOTAL.STATE, DEVICE_STATE_TOTAL.N, DSL.inline(0).as("waiting"))
                .from(DEVICE_STATE_TOTAL);
        var waiting = DSL.select(DEVICE_COUNT_DELTA.STATE, DEVICE_COUNT_DELTA.N.cast(SQLDataType.BIGINT),
                DSL.inline(1)).from(DEVICE_COUNT_DELTA).where(DEVICE_COUNT_DELTA.STATE.isNotNull());
        var all = folded.unionAll(waiting).asTable("c");
        Field<String> state = all.field(0, String.class);
        Map<DeviceState, Long> counts = zeros();
        long[] unfolded = {0};
        dsl.select(state, DSL.sum(all.field(1, Long.class)), DSL.sum(all.field(2, Integer.class)))
                .from(all).groupBy(state)
                .forEach(r -> {
                    counts.put(DeviceState.fromId(r.value1()), r.value2().longValue());
                    unfolded[0] += r.value3().longValue();
                });
        foldIfMany(unfolded[0]);
        return counts;
    }

    /** Devices per state of each given batch (absent states and batches: none). */
    public Map<Long, Map<DeviceState, Long>> ofBatches(Collection<Long> batchIds) {
        Map<Long, Map<DeviceState, Long>> counts = new HashMap<>();
        if (batchIds.isEmpty()) {
            return counts;
        }
        var folded = DSL.select(DEVICE_COUNT.BATCH_ID, DEVICE_COUNT.STATE, DEVICE_COUNT.N, DSL.inline(0).as("waiting"))
                .from(DEVICE_COUNT).where(DEVICE_COUNT.BATCH_ID.in(batchIds));
        var waiting = DSL.select(DEVICE_COUNT_DELTA.BATCH_ID, DEVICE_COUNT_DELTA.STATE,
                DEVICE_COUNT_DELTA.N.cast(SQLDataType.BIGINT), DSL.inline(1))
                .from(DEVICE_COUNT_DELTA).where(DEVICE_COUNT_DELTA.BATCH_ID.in(batchIds));
        var all = folded.unionAll(waiting).asTable("c");
        Field<Long> batch = all.field(0, Long.class);
        Field<String> state = all.field(1, String.class);
        long[] unfolded = {0};
        dsl.select(batch, state, DSL.sum(all.field(2, Long.class)), DSL.sum(all.field(3, Integer.class)))
                .from(all).groupBy(batch, state)
                .forEach(r -> {
                    counts.computeIfAbsent(r.value1(), k -> new EnumMap<>(DeviceState.class))
                            .put(DeviceState.fromId(r.value2()), r.value3().longValue());
                    unfolded[0] += r.value4().longValue();
                });
        foldIfMany(unfolded[0]);
        return counts;
    }

    /** Every state of one batch, zero where there are none. */
    public Map<DeviceState, Long> ofBatch(long batchId) {
        Map<DeviceState, Long> counts = zeros();
        counts.putAll(ofBatches(List.of(batchId)).getOrDefault(batchId, Map.of()));
        return counts;
    }

    /** Billing starts per slot in {@code [fromSlot, toSlot)}, slots without any absent. */
    Map<Long, Long> billingPerSlot(long fromSlot, long toSlot) {
        var folded = DSL.select(BILLING_COUNT.SLOT, BILLING_COUNT.N).from(BILLING_COUNT)
                .where(BILLING_COUNT.SLOT.ge(fromSlot)).and(BILLING_COUNT.SLOT.lt(toSlot));
        var waiting = DSL.select(DEVICE_COUNT_DELTA.SLOT, DEVICE_COUNT_DELTA.N.cast(SQLDataType.BIGINT))
                .from(DEVICE_COUNT_DELTA)
                .where(DEVICE_COUNT_DELTA.SLOT.ge(fromSlot)).and(DEVICE_COUNT_DELTA.SLOT.lt(toSlot));
        var all = folded.unionAll(waiting).asTable("c");
        Field<Long> slot = all.field(0, Long.class);
        Map<Long, Long> counts = new HashMap<>();
        dsl.select(slot, DSL.sum(all.field(1, Long.class))).from(all).groupBy(slot)
                .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
        return counts;
    }

    private void foldIfMany(long unfolded) {
        if (unfolded > FOLD_AFTER) {
            foldAll();
        }
    }

    /** Folds until no more than a chunk's worth was waiting; returns the deltas moved. */
    public long foldAll() {
        long moved = 0;
        int n;
        do {
            n = fold();
            moved += n;
        } while (n == FOLD_CHUNK);
        return moved;
    }

    /**
     * Moves up to one chunk of committed deltas into the folded tables in one transaction and deletes
     * exactly the rows it read (a delta that commits meanwhile, even with a lower id, waits for the next
     * fold). Folders lock the totals' rows first, so only one folds at a time; writers are not blocked.
     */
    public int fold() {
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            db.selectFrom(DEVICE_STATE_TOTAL).orderBy(DEVICE_STATE_TOTAL.STATE).forUpdate().fetch();
            List<DeviceCountDeltaRecord> deltas = db.selectFrom(DEVICE_COUNT_DELTA).orderBy(DEVICE_COUNT_DELTA.ID)
                    .limit(FOLD_CHUNK).fetch();
            if (deltas.isEmpty()) {
                return 0;
            }
            Folded sums = Folded.of(deltas);
            sums.perState().forEach((state, n) -> db.update(DEVICE_STATE_TOTAL)
                    .set(DEVICE_STATE_TOTAL.N, DEVICE_STATE_TOTAL.N.plus(n))
                    .where(DEVICE_STATE_TOTAL.STATE.eq(state)).execute());
            sums.perBatchState().forEach((key, n) -> {
                int updated = db.update(DEVICE_COUNT).set(DEVICE_COUNT.N, DEVICE_COUNT.N.plus(n))
                        .where(DEVICE_COUNT.BATCH_ID.eq(key.batchId())).and(DEVICE_COUNT.STATE.eq(key.state())).execute();
                if (updated == 0) {
                    db.insertInto(DEVICE_COUNT, DEVICE_COUNT.BATCH_ID, DEVICE_COUNT.STATE, DEVICE_COUNT.N)
                            .values(key.batchId(), key.state(), n).execute();
                }
            });
            sums.perSlot().forEach((slot, n) -> {
                int updated = db.update(BILLING_COUNT).set(BILLING_COUNT.N, BILLING_COUNT.N.plus(n))
                        .where(BILLING_COUNT.SLOT.eq(slot)).execute();
                if (updated == 0) {
                    db.insertInto(BILLING_COUNT, BILLING_COUNT.SLOT, BILLING_COUNT.N).values(slot, n).execute();
                }
            });
            // the ids as literals: H2 tests a list of bind values against every row it reads, one by one
            // (a 1,000-id DELETE compared a million times: 9 % of the CPU of a 10,000-device run); a list of
            // constants it looks up in a set
            List<Field<Long>> ids = deltas.stream().<Field<Long>>map(d -> DSL.inline(d.getId())).toList();
            for (int from = 0; from < ids.size(); from += DELETE_CHUNK) {
                db.deleteFrom(DEVICE_COUNT_DELTA)
                        .where(DEVICE_COUNT_DELTA.ID.in(ids.subList(from, Math.min(ids.size(), from + DELETE_CHUNK))))
                        .execute();
            }
            return deltas.size();
        });
    }

    /**
     * Counts everything again from the device table. For writers that bypass this class (the bench's
     * seeder, test fixtures) and only while nothing else writes devices.
     */
    public void recount() {
        dsl.transaction(tx -> {
            DSLContext db = tx.dsl();
            db.selectFrom(DEVICE_STATE_TOTAL).orderBy(DEVICE_STATE_TOTAL.STATE).forUpdate().fetch();
            db.deleteFrom(DEVICE_COUNT_DELTA).execute();
            db.deleteFrom(DEVICE_COUNT).execute();
            db.deleteFrom(BILLING_COUNT).execute();
            db.update(DEVICE_STATE_TOTAL).set(DEVICE_STATE_TOTAL.N, 0L).execute();
            db.select(DEVICE.STATE, DSL.count()).from(DEVICE).groupBy(DEVICE.STATE)
                    .forEach(r -> db.update(DEVICE_STATE_TOTAL).set(DEVICE_STATE_TOTAL.N, r.value2().longValue())
                            .where(DEVICE_STATE_TOTAL.STATE.eq(r.value1())).execute());
            db.insertInto(DEVICE_COUNT, DEVICE_COUNT.BATCH_ID, DEVICE_COUNT.STATE, DEVICE_COUNT.N)
                    .select(DSL.select(DEVICE.BATCH_ID, DEVICE.STATE, DSL.count().cast(SQLDataType.BIGINT))
                            .from(DEVICE).groupBy(DEVICE.BATCH_ID, DEVICE.STATE))
                    .execute();
            Field<Long> slot = slotOf(DEVICE.BILLING_STARTED_AT);
            db.insertInto(BILLING_COUNT, BILLING_COUNT.SLOT, BILLING_COUNT.N)
                    .select(DSL.select(slot, DSL.count().cast(SQLDataType.BIGINT)).from(DEVICE)
                            .where(DEVICE.BILLING_STARTED_AT.isNotNull()).groupBy(slot))
                    .execute();
        });
    }

    private static Field<Long> slotOf(Field<Instant> at) {
        return DSL.floor(DSL.extract(at, org.jooq.DatePart.EPOCH).div(DSL.inline(SLOT_SECONDS))).cast(SQLDataType.BIGINT);
    }

    private static Map<DeviceState, Long> zeros() {
        Map<DeviceState, Long> counts = new EnumMap<>(DeviceState.class);
        for (DeviceState s : DeviceState.values()) {
            counts.put(s, 0L);
        }
        return counts;
    }

    private record BatchState(long batchId, String state) {
    }

    private record Folded(Map<String, Long> perState, Map<BatchState, Long> perBatchState, Map<Long, Long> perSlot) {
        static Folded of(List<DeviceCountDeltaRecord> deltas) {
            Folded f = new Folded(new HashMap<>(), new HashMap<>(), new HashMap<>());
            for (DeviceCountDeltaRecord d : deltas) {
                if (d.getState() != null) {
                    f.perState.merge(d.getState(), (long) d.getN(), Long::sum);
                    f.perBatchState.merge(new BatchState(d.getBatchId(), d.getState()), (long) d.getN(), Long::sum);
                }
                if (d.getSlot() != null) {
                    f.perSlot.merge(d.getSlot(), (long) d.getN(), Long::sum);
                }
            }
            return f;
        }
    }
}
