package com.fleetprovisioner.core.reconcile;

import java.util.Locale;
import java.util.Optional;

/**
 * When a reconciliation of the account's own company (with its children) runs by itself: a setting, off
 * by default. Times are UTC, chosen away from the hour most people upload at.
 */
public enum ReconcileSchedule {
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

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ReconcileSchedule> fromId(String id) {
        for (ReconcileSchedule s : values()) {
            if (s.id().equals(id == null ? "" : id.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
