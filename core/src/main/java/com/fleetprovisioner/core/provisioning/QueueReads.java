package com.fleetprovisioner.core.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
    List<Long> rangeStarts(long batchId, int ranges);

    /**
     * The id where the second half of the batch's queued devices with ids in {@code [fromId, toId]} starts
     * (the first half holds one more when their count is odd, as in {@link #rangeStarts}); empty when fewer
     * than {@code atLeast} are queued there.
     */
    Optional<Long> halfway(long batchId, long fromId, long toId, int atLeast);
}
