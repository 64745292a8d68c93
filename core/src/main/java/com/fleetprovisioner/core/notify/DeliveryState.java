package com.fleetprovisioner.core.notify;

import com.fleetprovisioner.core.common.StoredId;

/** Where one delivery stands: waiting for its first try, waiting for a retry, done, or given up. */
public enum DeliveryState implements StoredId {
    PENDING,
    RETRYING,
    DELIVERED,
    FAILED;

    public boolean finished() {
        return this == DELIVERED || this == FAILED;
    }

    public static DeliveryState fromId(String id) {
        return StoredId.fromId(DeliveryState.class, id);
    }
}
