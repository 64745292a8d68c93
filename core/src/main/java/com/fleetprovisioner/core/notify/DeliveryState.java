package com.fleetprovisioner.core.notify;

import java.util.Locale;

/** Where one delivery stands: waiting for its first try, waiting for a retry, done, or given up. */
public enum DeliveryState {
    PENDING,
    RETRYING,
    DELIVERED,
    FAILED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == DELIVERED || this == FAILED;
    }

    public static DeliveryState fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
