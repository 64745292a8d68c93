package com.fleetprovisioner.core.provisioning;

import java.time.Instant;

/** Converts a local instant to Fleet Freedom's clock (protocol §5), with the offset the client measured. */
@FunctionalInterface
public interface ServerClock {
    Instant toServerTime(Instant local);
}
