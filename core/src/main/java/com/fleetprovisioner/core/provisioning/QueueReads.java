package com.fleetprovisioner.core.provisioning;

import java.time.Instant;
import java.util.List;

/**
 * What the job queue reads from the device table to create its jobs: job ids are derived from a device's
 * state, and a batch is handed out in ranges of its queued devices' ids.
 */
public interface QueueReads {
    /** A device still in an active state, with what its job id is derived from; {@code due} may be null. */
    record Waiting(long id, int generation, int attempts, Instant due) {
        public String key() {
            return id + ":" + generation + ":" + attempts;
        }
    }

    /** Those of {@code ids} in an active state, in id order. */
    List<Waiting> waiting(List<Long> ids);

    /**
     * The first ids of at most {@code ranges} runs of equal length of the batch's queued devices, in id
     * order; empty when none is queued.
     */
    default List<Long> rangeStarts(long batchId, int ranges) {
        return rangeStarts(batchId, Long.MIN_VALUE, Long.MAX_VALUE, ranges);
    }

    /** As {@link #rangeStarts(long, int)}, for the batch's queued devices with ids in {@code [fromId, toId]}. */
    List<Long> rangeStarts(long batchId, long fromId, long toId, int ranges);

    /** How many of the batch's devices with ids in {@code [fromId, toId]} are queued. */
    int queuedBetween(long batchId, long fromId, long toId);
}
