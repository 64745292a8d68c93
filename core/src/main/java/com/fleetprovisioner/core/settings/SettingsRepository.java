package com.fleetprovisioner.core.settings;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The values admins saved, by {@link SettingKey#stored()} name; secret values are stored sealed. */
public interface SettingsRepository {
    record Stored(String value, boolean secret, Instant updatedAt, Optional<Long> updatedBy) {
        @Override
        public String toString() {
            return "Stored[" + (secret ? "***" : value) + ", " + updatedAt + ", " + updatedBy + "]";
        }
    }

    /** Every saved value. */
    Map<String, Stored> readAll();

    /** Bumped by every {@link #write}; 0 before the first. One row read: cheap enough to poll. */
    long version();

    /** Saves and removes values and bumps the version; call inside a transaction. */
    void write(Map<String, Stored> upserts, Set<String> removals, Instant now);
}
