package com.fleetprovisioner.core.billing;

import java.time.Instant;

/** A device whose billing started in the month: {@code billingStartedAt} on Fleet Freedom's clock. */
public record BillingRow(long deviceId, String providerId, String kind, long companyId, Instant billingStartedAt,
        String submittedBy, long batchId) {
}
