package com.fleetprovisioner.core.notify;

import java.util.Locale;

/** How a notification travels. */
public enum Channel {
    EMAIL,
    WEBHOOK;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
