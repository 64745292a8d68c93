package com.fleetprovisioner.worker;

import com.fleetprovisioner.db.batch.BatchLifecycle;
import com.fleetprovisioner.db.device.DeviceCounters;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the device counters' deltas (V8) every few seconds, so that the dashboard and batch pages add
 * up a few rows however fast the pipeline writes, then settles the batch states those counters decide
 * (sending, completed, completed with failures: {@link BatchLifecycle}). Every worker may fold: folds
 * take turns, and a batch ends once whichever worker gets there first.
 */
final class CounterFolder implements Runnable {
    static final long INTERVAL_MILLIS = 2_000;
    private static final Logger log = LoggerFactory.getLogger(CounterFolder.class);

    private final DeviceCounters counters;
    private final BatchLifecycle lifecycle;
    private final Clock clock;

    CounterFolder(DeviceCounters counters, BatchLifecycle lifecycle, Clock clock) {
        this.counters = counters;
        this.lifecycle = lifecycle;
        this.clock = clock;
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
        try {
            lifecycle.settle(clock.instant()).forEach(c -> log.info("batch {}: {} -> {}", c.batchId(), c.from().id(),
                    c.to().id()));
        } catch (RuntimeException e) {
            log.warn("settling the batch states failed; trying again at the next fold", e);
        }
    }
}
