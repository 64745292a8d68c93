package com.fleetprovisioner.core.notify;

import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.provisioning.DeviceState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A batch that reached an end state and whose end nobody was told about yet. */
public record EndedBatch(long batchId, Optional<String> fileName, Batch.State state, long submittedBy,
        Optional<String> submitterName, Instant endedAt, Map<DeviceState, Long> counts) {

    public EndedBatch {
        counts = Map.copyOf(counts);
    }

    public long count(DeviceState state) {
        return counts.getOrDefault(state, 0L);
    }

    public long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
