package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.DeviceStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

public final class JooqDeviceStatistics implements DeviceStatistics {
    private final DSLContext dsl;
    private final DeviceCounters counters;

    public JooqDeviceStatistics(DSLContext dsl) {
        this.dsl = dsl;
        this.counters = new DeviceCounters(dsl);
    }

    /** Read from the counters: a few rows at any table size. */
    @Override
    public Map<DeviceState, Long> countByState() {
        return counters.total();
    }

    @Override
    public long batchCount() {
        return dsl.fetchCount(BATCH, BATCH.STATE.ne(Batch.State.DRAFT.id()));
    }

    /**
     * From the 15-minute billing counters: every period whose ends fall on slot boundaries (any time
     * zone's midnight does) reads one counter row per slot, whatever the table size; an end inside a slot
     * counts the devices between it and the slot boundary on ix_device_billing.
     */
    @Override
    public List<Long> billingStartedPerPeriod(List<Instant> boundaries) {
        if (boundaries.size() < 2) {
            return List.of();
        }
        Map<Long, Long> perSlot = counters.billingPerSlot(DeviceCounters.slot(boundaries.get(0)),
                slotAtOrAfter(boundaries.get(boundaries.size() - 1)));
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i + 1 < boundaries.size(); i++) {
            Instant from = boundaries.get(i);
            Instant to = boundaries.get(i + 1);
            long firstWhole = slotAtOrAfter(from);
            long endWhole = DeviceCounters.slot(to);
            if (firstWhole >= endWhole) {
                counts.add(exactly(from, to));
                continue;
            }
            long n = exactly(from, slotStart(firstWhole)) + exactly(slotStart(endWhole), to);
            for (long slot = firstWhole; slot < endWhole; slot++) {
                n += perSlot.getOrDefault(slot, 0L);
            }
            counts.add(n);
        }
        return counts;
    }

    private long exactly(Instant from, Instant to) {
        return from.isBefore(to) ? dsl.fetchCount(DEVICE, DEVICE.BILLING_STARTED_AT.ge(from)
                .and(DEVICE.BILLING_STARTED_AT.lt(to))) : 0;
    }

    private static long slotAtOrAfter(Instant at) {
        long slot = DeviceCounters.slot(at);
        return slotStart(slot).equals(at) ? slot : slot + 1;
    }

    private static Instant slotStart(long slot) {
        return Instant.ofEpochSecond(slot * DeviceCounters.SLOT_SECONDS);
    }
}
