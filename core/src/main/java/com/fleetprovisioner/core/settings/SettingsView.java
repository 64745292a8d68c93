package com.fleetprovisioner.core.settings;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the settings page shows: each value with where it comes from; the password only as set or not. */
public record SettingsView(List<Field> fields, Settings effective, SendsInProgress.Counts sends) {

    /** Where a value in force comes from. */
    public enum Origin {
        /** an environment variable (or its built-in default) */
        ENVIRONMENT,
        /** the one-JVM app's built-in simulator */
        BUILT_IN,
        /** saved by an admin on the settings page */
        APP,
        /** nothing: no environment variable and nothing saved */
        NONE
    }

    /**
     * @param value        the value in force as the form shows it; empty for the password, always
     * @param defaultValue what reverting gives back (never the password)
     * @param isSet        for the password: whether one is in force
     */
    public record Field(SettingKey key, String value, Origin origin, String defaultValue, boolean isSet,
            Optional<Instant> updatedAt) {
        public String name() {
            return key.field();
        }

        public String envVar() {
            return key.envVar().orElse("");
        }

        /** Set in the app (not from the environment or the default): the page offers to revert it. */
        public boolean fromApp() {
            return origin == Origin.APP;
        }
    }

    /** For the page: the field of a form name. */
    public Field byName(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    public Field field(SettingKey key) {
        return fields.stream().filter(f -> f.key() == key).findFirst().orElseThrow();
    }
}
