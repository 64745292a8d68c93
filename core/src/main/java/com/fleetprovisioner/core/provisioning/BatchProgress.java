package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.core.intake.Batch;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where a batch stands. {@code perSecond} is the rate at which its devices reached a terminal state over
 * its own recent progress (at most the last minute, from its first device finished in it); {@code eta}
 * the remaining devices at that rate (empty when nothing moves). {@code ahead}: while none of its
 * devices was attempted, the open batches submitted before it and their devices still to send.
 */
public record BatchProgress(long batchId, Batch.State state, boolean paused, Map<DeviceState, Long> counts,
        long total, long remaining, double perSecond, Optional<Duration> eta, Optional<Instant> submittedAt,
        Optional<Instant> endedAt, Ahead ahead) {

    public record Ahead(long batches, long devices) {
        public static final Ahead NONE = new Ahead(0, 0);

        public boolean waiting() {
            return batches > 0;
        }
    }

    public long count(DeviceState s) {
        return counts.getOrDefault(s, 0L);
    }

    /** Failed or needing review: what "completed with N failures" counts. */
    public long failures() {
        return count(DeviceState.FAILED) + count(DeviceState.NEEDS_REVIEW);
    }

    public boolean ended() {
        return state.ended() && endedAt.isPresent();
    }
}
