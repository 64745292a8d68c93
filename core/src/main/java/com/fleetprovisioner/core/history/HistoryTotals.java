package com.fleetprovisioner.core.history;

import java.util.Optional;

/**
 * About how many devices a history filter matches, without counting them: counting every match of a
 * broad filter reads hundreds of thousands of rows at 1,000,000 devices.
 */
public interface HistoryTotals {
    /** {@code exact}: kept by counters, not estimated. */
    record Total(long devices, boolean exact) {
    }

    /** The total, or empty where no cheap figure exists for this filter. */
    Optional<Total> about(HistoryQuery query);
}
