package com.fleetprovisioner.core.provisioning;

import java.time.Instant;
import java.util.Optional;

/**
 * A device a worker holds the lease on, as read when the lease was taken. {@code attempt} already counts
 * this attempt. {@code sentAt} is the write-ahead mark of our last {@code mergeProvider}; with
 * {@code outcomeUnknown} it says an earlier attempt may have added the device.
 */
public record LeasedDevice(long id, String providerId, String kind, long companyId, Optional<String> name,
        Optional<String> phoneNumber, Optional<String> passwordSecret, Optional<Long> configId, long batchId,
        int attempt, boolean outcomeUnknown, Optional<Instant> sentAt, boolean batchCancelled) {

    /** Before the first add, and after any attempt whose outcome is unknown, we must ask Fleet Freedom. */
    public boolean mustReconcile() {
        return sentAt.isEmpty() || outcomeUnknown;
    }
}
