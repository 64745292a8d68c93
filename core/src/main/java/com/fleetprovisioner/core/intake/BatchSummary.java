package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.history.HistoryCursor;
import com.fleetprovisioner.core.provisioning.DeviceState;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One line of the batches list: the batch, who created it, its preview totals and its devices per state. */
public record BatchSummary(long id, Batch.Source source, Batch.State state, Optional<String> fileName,
        String createdBy, Instant createdAt, Optional<Instant> submittedAt, boolean paused, Batch.Counts rows,
        Map<DeviceState, Long> devices) {

    public BatchSummary {
        devices = Map.copyOf(devices);
    }

    public long devicesTotal() {
        return devices.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Devices in a terminal state (provisioned, failed, needs review, cancelled). */
    public long devicesDone() {
        return devices.entrySet().stream().filter(e -> e.getKey().terminal()).mapToLong(Map.Entry::getValue).sum();
    }

    public long count(DeviceState state) {
        return devices.getOrDefault(state, 0L);
    }

    public int percent() {
        long total = devicesTotal();
        return total == 0 ? (state == Batch.State.DRAFT ? 0 : 100) : (int) (devicesDone() * 100 / total);
    }

    /** Rows the preview rejected or flagged: what the problems download lists. */
    public boolean hasProblems() {
        return rows.problems() > 0;
    }

    public HistoryCursor cursor() {
        return new HistoryCursor(createdAt, id);
    }
}
