package com.fleetprovisioner.core.provisioning;

import java.time.Instant;
import java.util.Optional;

/** What we already know of a provider id: for duplicate checks at intake ("already provisioned on …"). */
public record KnownDevice(long id, String providerId, DeviceState state, long batchId,
        Optional<Instant> billingStartedAt) {
}
