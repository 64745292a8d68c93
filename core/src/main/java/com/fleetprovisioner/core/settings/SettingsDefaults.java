package com.fleetprovisioner.core.settings;

import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.NotificationSettings;
import com.fleetprovisioner.core.pacing.SendRate;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values in force until an admin saves others: the process's environment, or for the one-JVM app
 * without FP_FF_URL the built-in simulator's endpoint and demo account.
 *
 * @param builtInSimulator the in-process simulator's endpoint, when this process runs one
 */
public record SettingsDefaults(Map<SettingKey, String> values, Optional<URI> builtInSimulator) {

    public SettingsDefaults {
        values = Map.copyOf(values);
    }

    public static SettingsDefaults from(AppConfig config) {
        Map<SettingKey, String> values = new EnumMap<>(SettingKey.class);
        config.ffUrl().ifPresent(url -> values.put(SettingKey.ENDPOINT, url.toString()));
        config.ffUsername().ifPresent(user -> values.put(SettingKey.USERNAME, user));
        config.ffPassword().ifPresent(password -> values.put(SettingKey.PASSWORD, password));
        values.put(SettingKey.SIMULATOR, "false");
        values.put(SettingKey.SEND_RATE, SendRate.format(config.pipeline().sendRate()));
        values.put(SettingKey.MAX_IN_FLIGHT, Integer.toString(config.pipeline().maxInFlight()));
        values.put(SettingKey.MAX_ATTEMPTS, Integer.toString(config.pipeline().maxAttempts()));
        values.put(SettingKey.RETRY_BASE, Long.toString(config.pipeline().retryBase().toSeconds()));
        values.put(SettingKey.RETRY_MAX, Long.toString(config.pipeline().retryMax().toSeconds()));
        NotificationSettings mail = config.notifications();
        mail.smtpHost().ifPresent(host -> values.put(SettingKey.SMTP_HOST, host));
        values.put(SettingKey.SMTP_PORT, Integer.toString(mail.smtpPort()));
        mail.smtpUsername().ifPresent(user -> values.put(SettingKey.SMTP_USERNAME, user));
        mail.smtpPassword().ifPresent(password -> values.put(SettingKey.SMTP_PASSWORD, password));
        values.put(SettingKey.SMTP_FROM, mail.smtpFrom());
        values.put(SettingKey.SMTP_STARTTLS, Boolean.toString(mail.smtpStartTls()));
        return new SettingsDefaults(values, Optional.empty());
    }

    /** The one-JVM app without FP_FF_URL: the built-in simulator is the default target. */
    public SettingsDefaults withBuiltInSimulator(URI endpoint, String username, String password) {
        Map<SettingKey, String> with = new EnumMap<>(values);
        with.put(SettingKey.ENDPOINT, endpoint.toString());
        with.put(SettingKey.USERNAME, username);
        with.put(SettingKey.PASSWORD, password);
        return new SettingsDefaults(with, Optional.of(endpoint));
    }

    public Optional<String> value(SettingKey key) {
        return Optional.ofNullable(values.get(key));
    }

    /** True when the default of {@code key} is the built-in simulator's, not an environment variable. */
    public boolean builtIn(SettingKey key) {
        return builtInSimulator.isPresent() && (key == SettingKey.ENDPOINT || key == SettingKey.USERNAME
                || key == SettingKey.PASSWORD);
    }

    @Override
    public String toString() {
        return "SettingsDefaults[keys=" + values.keySet() + ", builtInSimulator=" + builtInSimulator + "]";
    }
}
