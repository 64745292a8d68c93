package com.fleetprovisioner.core.history;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceState;
import java.time.Instant;
import java.util.Optional;

/**
 * One device as the history shows it. No device password: it never leaves the pipeline.
 * {@code billingStartedAt} is on Fleet Freedom's clock; {@code sentAt}/{@code receivedAt} on ours.
 */
public record DeviceRecord(
        long id,
        String providerId,
        String kind,
        long companyId,
        Optional<String> name,
        Optional<String> phoneNumber,
        boolean hasPassword,
        Optional<Long> configId,
        DeviceState state,
        int attempts,
        boolean outcomeUnknown,
        long batchId,
        String submittedBy,
        Instant submittedAt,
        Optional<Instant> nextAttemptAt,
        Optional<Integer> lastErrorCode,
        Optional<Text> lastErrorMessage,
        Optional<Instant> sentAt,
        Optional<Instant> receivedAt,
        Optional<Instant> billingStartedAt) {
}
