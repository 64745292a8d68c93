package com.fleetprovisioner.core.notify;

import java.time.Instant;

/** Runs a delivery attempt in the background, once per (delivery, attempt) whoever asks. */
public interface NotificationJobs {
    void schedule(long deliveryId, int attempt, Instant at);
}
