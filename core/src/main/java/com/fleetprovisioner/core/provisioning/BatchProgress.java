package com.fleetprovisioner.core.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where a batch stands. {@code perSecond} is the rate at which its devices reached a terminal state over
 * the last minute; {@code eta} the remaining devices at that rate (empty when nothing moves).
 */
public record BatchProgress(long batchId, String state, boolean paused, Map<DeviceState, Long> counts,
        long total, long remaining, double perSecond, Optional<Duration> eta, Optional<Instant> submittedAt) {
}
