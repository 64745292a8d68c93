package com.fleetprovisioner.core.settings;

import java.util.Optional;

/**
 * What an admin may change at run time. Each key has its environment variable (the default until an
 * admin saves a value) where one exists, its name in the {@code setting} table and its form field.
 */
public enum SettingKey {
    ENDPOINT("ff.endpoint", "FP_FF_URL", "endpoint"),
    USERNAME("ff.username", "FP_FF_USERNAME", "username"),
    PASSWORD("ff.password", "FP_FF_PASSWORD", "password"),
    SIMULATOR("ff.simulator", null, "simulator"),
    DEFAULT_COMPANY("intake.default_company", null, "defaultCompany"),
    SEND_RATE("pipeline.send_rate", "FP_SEND_RATE", "sendRate"),
    MAX_IN_FLIGHT("pipeline.max_in_flight", "FP_MAX_IN_FLIGHT", "maxInFlight"),
    MAX_ATTEMPTS("retry.max_attempts", "FP_RETRY_MAX_ATTEMPTS", "maxAttempts"),
    RETRY_BASE("retry.base_seconds", "FP_RETRY_BASE_SECONDS", "retryBaseSeconds"),
    RETRY_MAX("retry.max_seconds", "FP_RETRY_MAX_SECONDS", "retryMaxSeconds"),
    SMTP_HOST("smtp.host", "FP_SMTP_HOST", "smtpHost"),
    SMTP_PORT("smtp.port", "FP_SMTP_PORT", "smtpPort"),
    SMTP_USERNAME("smtp.username", "FP_SMTP_USERNAME", "smtpUsername"),
    SMTP_PASSWORD("smtp.password", "FP_SMTP_PASSWORD", "smtpPassword"),
    SMTP_FROM("smtp.from", "FP_SMTP_FROM", "smtpFrom"),
    SMTP_STARTTLS("smtp.starttls", "FP_SMTP_STARTTLS", "smtpStartTls"),
    RECONCILE_SCHEDULE("reconcile.schedule", null, "reconcileSchedule");

    private final String stored;
    private final String envVar;
    private final String field;

    SettingKey(String stored, String envVar, String field) {
        this.stored = stored;
        this.envVar = envVar;
        this.field = field;
    }

    /** The row name in the {@code setting} table. */
    public String stored() {
        return stored;
    }

    public Optional<String> envVar() {
        return Optional.ofNullable(envVar);
    }

    /** The form field's name, also the key of its message in a validation error. */
    public String field() {
        return field;
    }

    /** Stored sealed, never shown, kept when its field is left blank. */
    public boolean secret() {
        return this == PASSWORD || this == SMTP_PASSWORD;
    }

    /** A check box: absent from a submitted form means false. */
    public boolean checkbox() {
        return this == SIMULATOR || this == SMTP_STARTTLS;
    }

    /** A change of these points the pipeline at another server or account. */
    public boolean account() {
        return this == ENDPOINT || this == USERNAME;
    }

    public static Optional<SettingKey> byStored(String name) {
        for (SettingKey key : values()) {
            if (key.stored.equals(name)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }
}
