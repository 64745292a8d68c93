package com.fleetprovisioner.core.reconcile;

import com.fleetprovisioner.core.common.StoredId;
import java.util.Locale;
import java.util.Optional;

/**
 * When a reconciliation of the account's own company (with its children) runs by itself: a setting, off
 * by default. Times are UTC, chosen away from the hour most people upload at.
 */
public enum ReconcileSchedule implements StoredId {
    OFF(null),
    HOURLY("17 * * * *"),
    DAILY("17 2 * * *"),
    WEEKLY("17 3 * * 1");

    private final String cron;

    ReconcileSchedule(String cron) {
        this.cron = cron;
    }

    public Optional<String> cron() {
        return Optional.ofNullable(cron);
    }

    public static Optional<ReconcileSchedule> fromId(String id) {
        return StoredId.find(ReconcileSchedule.class, id == null ? null : id.strip().toLowerCase(Locale.ROOT));
    }
}
