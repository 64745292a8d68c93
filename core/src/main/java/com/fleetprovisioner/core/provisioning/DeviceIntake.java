package com.fleetprovisioner.core.provisioning;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where submitted devices enter the pipeline. The unique provider id in storage, not the caller,
 * guarantees one queue entry per device however many uploads race.
 */
public interface DeviceIntake {
    /** A device that was queued by this call. */
    record Queued(long deviceId, String providerId) {
    }

    /**
     * Inserts each device in state {@code queued} with a {@code queued} event, inside the caller's
     * transaction. Ids already present are skipped (not an error) and are absent from the result.
     */
    List<Queued> insertQueued(List<NewDevice> devices, Instant now);

    /**
     * A re-upload's rows for devices that failed or were cancelled (never added): each such device takes
     * the row's values, moves to the row's batch and is queued again (new requeue generation, so the next
     * attempt checks Fleet Freedom first), with an event naming both batches. Devices in any other state
     * (queued, sending, retrying, provisioned, needs review) are never replaced and are absent from the
     * result, as are unknown ids.
     */
    List<Queued> replaceEnded(List<NewDevice> devices, Instant now);

    /**
     * Ids of this batch's devices still {@code queued}, in id order after {@code afterDeviceId}: what a
     * submit hands to the queue after its commit, one chunk at a time.
     */
    List<Long> queuedIn(long batchId, long afterDeviceId, int limit);

    /** The devices we already hold among these provider ids. */
    Map<String, KnownDevice> findKnown(Collection<String> providerIds);
}
