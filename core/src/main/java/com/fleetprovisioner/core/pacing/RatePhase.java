package com.fleetprovisioner.core.pacing;

/** Why the shared send rate is what it is. */
public enum RatePhase {
    /** No throttle seen yet: rising from the safe start while Fleet Freedom answers cleanly. */
    LEARNING,
    /** Throttled: cut back, now climbing back towards a target below the rate that was throttled. */
    BACKED_OFF,
    /** At the target below the discovered limit; probes higher only after a long clean stretch. */
    SETTLED,
    /** An admin fixed the rate. */
    FIXED,
    /** An admin turned pacing off. */
    UNPACED
}
