package com.fleetprovisioner.core.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Counts for the dashboard. */
public interface DeviceStatistics {
    /** Every state, with zero where there are none. */
    Map<DeviceState, Long> countByState();

    long batchCount();

    /**
     * Devices whose billing started in each period {@code [boundaries[i], boundaries[i+1])}: one count per
     * period, so {@code n} ascending boundaries give {@code n - 1} counts, each a range of ix_device_billing.
     */
    List<Long> billingStartedPerPeriod(List<Instant> boundaries);
}
