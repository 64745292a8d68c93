package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/** Checks the device counters against the device table, for any test that changed devices. */
public final class DeviceCountChecks {
    private DeviceCountChecks() {
    }

    /** Counters (total, per batch, billing per slot) against a count of the device table. */
    public static void assertExact(Database db, String after) {
        DSLContext dsl = DatabaseFixture.dsl(db);
        DeviceCounters counters = new DeviceCounters(dsl);
        Map<DeviceState, Long> total = new EnumMap<>(DeviceState.class);
        for (DeviceState s : DeviceState.values()) {
            total.put(s, 0L);
        }
        Map<Long, Map<DeviceState, Long>> perBatch = new HashMap<>();
        dsl.select(DEVICE.BATCH_ID, DEVICE.STATE, org.jooq.impl.DSL.count()).from(DEVICE)
                .groupBy(DEVICE.BATCH_ID, DEVICE.STATE).forEach(r -> {
                    total.merge(DeviceState.fromId(r.value2()), r.value3().longValue(), Long::sum);
                    perBatch.computeIfAbsent(r.value1(), k -> new EnumMap<>(DeviceState.class))
                            .put(DeviceState.fromId(r.value2()), r.value3().longValue());
                });
        assertThat(counters.total()).as("devices per state after " + after).isEqualTo(total);
        List<Long> batches = dsl.select(BATCH.ID).from(BATCH).fetch(BATCH.ID);
        Map<Long, Map<DeviceState, Long>> counted = new HashMap<>();
        counters.ofBatches(batches).forEach((batch, byState) -> byState.forEach((state, n) -> {
            if (n != 0) {
                counted.computeIfAbsent(batch, k -> new EnumMap<>(DeviceState.class)).put(state, n);
            }
        }));
        assertThat(counted).as("devices per batch and state after " + after).isEqualTo(perBatch);
        Map<Long, Long> billing = new HashMap<>();
        dsl.select(DEVICE.BILLING_STARTED_AT).from(DEVICE).where(DEVICE.BILLING_STARTED_AT.isNotNull())
                .forEach(r -> billing.merge(DeviceCounters.slot(r.value1()), 1L, Long::sum));
        Map<Long, Long> slots = new HashMap<>(counters.billingPerSlot(Long.MIN_VALUE / 2, Long.MAX_VALUE / 2));
        slots.values().removeIf(n -> n == 0);
        assertThat(slots).as("billing starts per slot after " + after).isEqualTo(billing);
    }
}
