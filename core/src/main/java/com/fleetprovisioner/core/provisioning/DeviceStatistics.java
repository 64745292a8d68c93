package com.fleetprovisioner.core.provisioning;

import java.util.Map;

/** Counts for the dashboard. */
public interface DeviceStatistics {
    /** Every state, with zero where there are none. */
    Map<DeviceState, Long> countByState();

    long batchCount();
}
