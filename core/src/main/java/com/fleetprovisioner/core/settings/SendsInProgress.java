package com.fleetprovisioner.core.settings;

/**
 * Devices whose fate is tied to the server they were sent to: being sent right now, or sent with no
 * answer (an unknown outcome that only a check on that same server can settle).
 */
public interface SendsInProgress {
    record Counts(long sending, long unknownOutcomes) {
    }

    Counts count();
}
