package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.DeviceStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

public final class JooqDeviceStatistics implements DeviceStatistics {
    private final DSLContext dsl;

    public JooqDeviceStatistics(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Map<DeviceState, Long> countByState() {
        Map<DeviceState, Long> counts = new EnumMap<>(DeviceState.class);
        for (DeviceState state : DeviceState.values()) {
            counts.put(state, 0L);
        }
        dsl.select(DEVICE.STATE, DSL.count()).from(DEVICE).groupBy(DEVICE.STATE)
                .forEach(row -> counts.put(DeviceState.fromId(row.value1()), row.value2().longValue()));
        return counts;
    }

    @Override
    public long batchCount() {
        return dsl.fetchCount(BATCH, BATCH.STATE.ne("draft"));
    }

    @Override
    public List<Long> billingStartedPerPeriod(List<Instant> boundaries) {
        if (boundaries.size() < 2) {
            return List.of();
        }
        // one range scan of ix_device_billing, each period a filtered count: correct across DST changes
        List<Field<Integer>> periods = new ArrayList<>();
        for (int i = 0; i + 1 < boundaries.size(); i++) {
            periods.add(DSL.count().filterWhere(DEVICE.BILLING_STARTED_AT.ge(boundaries.get(i))
                    .and(DEVICE.BILLING_STARTED_AT.lt(boundaries.get(i + 1)))));
        }
        Record row = dsl.select(periods).from(DEVICE)
                .where(DEVICE.BILLING_STARTED_AT.ge(boundaries.get(0)))
                .and(DEVICE.BILLING_STARTED_AT.lt(boundaries.get(boundaries.size() - 1))).fetchOne();
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < periods.size(); i++) {
            Integer value = row == null ? null : row.get(i, Integer.class);
            counts.add(value == null ? 0L : value.longValue());
        }
        return counts;
    }
}
