package com.fleetprovisioner.worker;

import com.fleetprovisioner.db.device.DeviceCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the device counters' deltas (V8) every few seconds, so that the dashboard and batch pages add
 * up a few rows however fast the pipeline writes. Every worker may fold: folds take turns.
 */
final class CounterFolder implements Runnable {
    static final long INTERVAL_MILLIS = 2_000;
    private static final Logger log = LoggerFactory.getLogger(CounterFolder.class);

    private final DeviceCounters counters;

    CounterFolder(DeviceCounters counters) {
        this.counters = counters;
    }

    @Override
    public void run() {
        try {
            long moved = counters.foldAll();
            if (moved > 0) {
                log.debug("counters: {} deltas folded", moved);
            }
        } catch (RuntimeException e) {
            log.warn("folding the device counters failed; trying again at the next fold", e);
        }
    }
}
