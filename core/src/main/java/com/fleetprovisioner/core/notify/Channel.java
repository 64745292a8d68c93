package com.fleetprovisioner.core.notify;

import com.fleetprovisioner.core.common.StoredId;

/** How a notification travels. */
public enum Channel implements StoredId {
    EMAIL,
    WEBHOOK;

    public static Channel fromId(String id) {
        return StoredId.fromId(Channel.class, id);
    }
}
