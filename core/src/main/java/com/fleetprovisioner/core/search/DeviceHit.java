package com.fleetprovisioner.core.search;

import com.fleetprovisioner.core.provisioning.DeviceState;
import java.time.Instant;

/** One device a search found: enough to recognise it and to link to it and its batch. */
public record DeviceHit(String providerId, String kind, DeviceState state, long batchId, Instant submittedAt) {
}
