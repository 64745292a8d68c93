package com.fleetprovisioner.core.provisioning;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Where a device stands in the pipeline. Terminal states never change without a person's action. */
public enum DeviceState {
    QUEUED(false),
    SENDING(false),
    RETRYING(false),
    PROVISIONED(true),
    FAILED(true),
    NEEDS_REVIEW(true),
    CANCELLED(true),
    /** Found in Fleet Freedom by a reconciliation and imported: never sent by us, no billing start of ours. */
    PRE_EXISTING(true);

    private final boolean terminal;

    DeviceState(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean terminal() {
        return terminal;
    }

    /** The value stored in the database and shown in URLs. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored values of the states a device still moves out of by itself: the pipeline's work. */
    public static List<String> activeIds() {
        return Arrays.stream(values()).filter(s -> !s.terminal).map(DeviceState::id).toList();
    }

    public static DeviceState fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
