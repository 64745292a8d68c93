package com.fleetprovisioner.core.history;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import java.time.Instant;
import java.util.Optional;

/**
 * One step of a device's timeline as the device page shows it (with the acting user's name); {@code text} as a
 * message key with its arguments.
 */
public record TimelineEntry(long id, Instant at, DeviceEvent.Type type, Optional<Integer> attempt, Optional<Integer> errorCode,
        Optional<Text> text, Optional<String> actor, Optional<String> worker) {
}
