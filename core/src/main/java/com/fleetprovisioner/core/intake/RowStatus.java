package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.StoredId;
import java.util.Locale;

/** Where a row stands, worst first: the preview's totals count these. */
public enum RowStatus implements StoredId {
    VALID, WARNING, ERROR, DUPLICATE, EXISTING, QUEUED;

    private final String id = name().toLowerCase(Locale.ROOT);

    public String id() {
        return id;
    }

    public static RowStatus fromId(String id) {
        return StoredId.fromId(RowStatus.class, id);
    }

    /** Rows a submit queues. */
    public boolean submittable() {
        return this == VALID || this == WARNING;
    }

    /** Rows the "problems" download and filter show. */
    public boolean problem() {
        return this == WARNING || this == ERROR || this == DUPLICATE || this == EXISTING;
    }
}
