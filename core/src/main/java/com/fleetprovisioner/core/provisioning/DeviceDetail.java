package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.core.common.Text;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A device with its history, for the API and the device page. Never carries the password. */
public record DeviceDetail(long id, String providerId, String kind, long companyId, long batchId,
        DeviceState state, int attempts, Optional<Instant> nextAttemptAt, boolean outcomeUnknown,
        Optional<Integer> lastErrorCode, Optional<Text> lastErrorMessage, Optional<Instant> sentAt,
        Optional<Instant> receivedAt, Optional<Instant> billingStartedAt, Instant submittedAt, Instant updatedAt,
        List<DeviceEvent> events) {
}
