package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.DeviceStatistics;
import java.util.EnumMap;
import java.util.Map;
import org.jooq.DSLContext;
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
}
