package com.fleetprovisioner.core.history;

import com.fleetprovisioner.core.provisioning.DeviceEvent;
import java.time.Instant;
import java.util.Optional;

/** One step of a device's timeline as the device page shows it (with the acting user's name). */
public record TimelineEntry(long id, Instant at, DeviceEvent.Type type, Optional<Integer> attempt, Optional<Integer> errorCode,
        Optional<String> message, Optional<String> actor, Optional<String> worker) {
}
