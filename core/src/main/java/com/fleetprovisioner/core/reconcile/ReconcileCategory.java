package com.fleetprovisioner.core.reconcile;

import com.fleetprovisioner.core.common.StoredId;
import java.util.Optional;

/** Where one device stands after a comparison of Fleet Freedom's providers with our records: exactly one of these. */
public enum ReconcileCategory implements StoredId {
    /** Provisioned here and present there in the same company. */
    MATCHED("matched"),
    /** Provisioned here, absent there (removed by someone, or never really added). */
    MISSING_IN_FLEET_FREEDOM("missingInFleetFreedom"),
    /** Present there, never added through this product. */
    UNKNOWN_HERE("unknownHere"),
    /** Present in both, in different companies. */
    COMPANY_MISMATCH("companyMismatch"),
    /** Queued, sending or retrying here and already present there: for a person to check. */
    PENDING_HERE("pendingHere");

    private final String id;

    ReconcileCategory(String id) {
        this.id = id;
    }

    /** The value stored, shown in URLs and in the API's {@code counts}. */
    public String id() {
        return id;
    }

    public static Optional<ReconcileCategory> fromId(String id) {
        return StoredId.find(ReconcileCategory.class, id);
    }
}
