package com.fleetprovisioner.core.provisioning;

import com.fleetprovisioner.core.common.StoredId;
import com.fleetprovisioner.core.common.Text;
import java.util.Arrays;
import java.util.List;

/** Where a device stands in the pipeline. Terminal states never change without a person's action. */
public enum DeviceState implements StoredId {
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

    /** The stored values of the states a device still moves out of by itself: the pipeline's work. */
    public static List<String> activeIds() {
        return Arrays.stream(values()).filter(s -> !s.terminal).map(DeviceState::id).toList();
    }

    /** The state's label, for a text that names it (shown in the reader's language). */
    public Text label() {
        return Text.of("state." + id());
    }

    public static DeviceState fromId(String id) {
        return StoredId.fromId(DeviceState.class, id);
    }
}
