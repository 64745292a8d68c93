package com.fleetprovisioner.core.settings;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.notify.SmtpServer;
import com.fleetprovisioner.core.pacing.SendRate;
import com.fleetprovisioner.core.reconcile.ReconcileSchedule;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Parses and checks effective values (as strings by key) into {@link Settings}: the same ranges as the
 * environment variables in {@code AppConfig}. Messages are keyed by form field.
 */
final class SettingsRules {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,200}");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+");
    private final Map<SettingKey, String> values;
    private final Map<String, Text> errors = new LinkedHashMap<>();

    private SettingsRules(Map<SettingKey, String> values) {
        this.values = values;
    }

    /** Throws nothing: {@link #errors()} says what is wrong. */
    static SettingsRules check(Map<SettingKey, String> values) {
        return new SettingsRules(values);
    }

    Map<String, Text> errors() {
        return errors;
    }

    Settings settings(Optional<URI> builtInSimulator, long version) {
        Optional<URI> endpoint = endpoint();
        Optional<String> username = text(SettingKey.USERNAME);
        Optional<String> password = text(SettingKey.PASSWORD);
        if (endpoint.isPresent() && username.isEmpty()) {
            errors.put(SettingKey.USERNAME.field(), Text.of("settings.error.usernameNeeded"));
        }
        if (endpoint.isPresent() && password.isEmpty()) {
            errors.put(SettingKey.PASSWORD.field(), Text.of("settings.error.passwordNeeded"));
        }
        int base = number(SettingKey.RETRY_BASE, 1, 3600, 5);
        int max = number(SettingKey.RETRY_MAX, 1, 24 * 3600, 300);
        if (max < base && !errors.containsKey(SettingKey.RETRY_MAX.field())) {
            errors.put(SettingKey.RETRY_MAX.field(), Text.of("settings.error.retryOrder", max, base));
        }
        boolean simulator = "true".equals(values.get(SettingKey.SIMULATOR))
                || (endpoint.isPresent() && builtInSimulator.equals(endpoint));
        return new Settings(endpoint, username, password, simulator, company(),
                sendRate(), number(SettingKey.MAX_IN_FLIGHT, 1, 1000, 16),
                number(SettingKey.MAX_ATTEMPTS, 1, 100, 8), base, max, smtp(), schedule(), version);
    }

    /** Empty without a host; the other SMTP values are checked whether or not a host is given. */
    private Optional<SmtpServer> smtp() {
        Optional<String> host = text(SettingKey.SMTP_HOST);
        if (host.isPresent() && !HOST.matcher(host.get()).matches()) {
            errors.put(SettingKey.SMTP_HOST.field(), Text.of("settings.error.smtpHost"));
        }
        int port = text(SettingKey.SMTP_PORT).isEmpty() ? SmtpServer.DEFAULT_PORT
                : number(SettingKey.SMTP_PORT, 1, 65535, SmtpServer.DEFAULT_PORT);
        Optional<String> username = text(SettingKey.SMTP_USERNAME);
        Optional<String> password = text(SettingKey.SMTP_PASSWORD);
        if (password.isPresent() && username.isEmpty()) {
            errors.put(SettingKey.SMTP_USERNAME.field(), Text.of("settings.error.smtpUsername"));
        }
        String from = text(SettingKey.SMTP_FROM).orElse(SmtpServer.DEFAULT_FROM);
        if (!ADDRESS.matcher(from).matches()) {
            errors.put(SettingKey.SMTP_FROM.field(), Text.of("settings.error.smtpFrom"));
        }
        boolean startTls = !"false".equals(values.get(SettingKey.SMTP_STARTTLS));
        return host.map(h -> new SmtpServer(h, port, username, password, from, startTls));
    }

    private Optional<String> text(SettingKey key) {
        String value = values.get(key);
        if (value != null && value.length() > 200) {
            errors.put(key.field(), Text.of("settings.error.tooLong", 200));
        }
        return Optional.ofNullable(value).filter(v -> !v.isBlank());
    }

    private Optional<URI> endpoint() {
        String raw = values.get(SettingKey.ENDPOINT);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw.trim());
            if (("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getUserInfo() == null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        errors.put(SettingKey.ENDPOINT.field(), Text.of("settings.error.endpoint"));
        return Optional.empty();
    }

    private Optional<Long> company() {
        String raw = values.get(SettingKey.DEFAULT_COMPANY);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            long company = Long.parseLong(raw.trim());
            if (company > 0) {
                return Optional.of(company);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(SettingKey.DEFAULT_COMPANY.field(), Text.of("settings.error.company"));
        return Optional.empty();
    }

    private ReconcileSchedule schedule() {
        String raw = values.get(SettingKey.RECONCILE_SCHEDULE);
        if (raw == null || raw.isBlank()) {
            return ReconcileSchedule.OFF;
        }
        Optional<ReconcileSchedule> schedule = ReconcileSchedule.fromId(raw);
        if (schedule.isEmpty()) {
            errors.put(SettingKey.RECONCILE_SCHEDULE.field(), Text.of("settings.error.schedule"));
        }
        return schedule.orElse(ReconcileSchedule.OFF);
    }

    private int sendRate() {
        try {
            return SendRate.parse(values.get(SettingKey.SEND_RATE));
        } catch (IllegalArgumentException e) {
            errors.put(SettingKey.SEND_RATE.field(), Text.of("settings.error.sendRate", SendRate.MAX));
            return SendRate.AUTO;
        }
    }

    /** The value, or {@code fallback} (only seen with an error beside it) when it is not acceptable. */
    private int number(SettingKey key, int min, int max, int fallback) {
        String raw = values.get(key);
        try {
            int n = Integer.parseInt(raw == null ? "" : raw.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.put(key.field(), Text.of("settings.error.number", min, max));
        return fallback;
    }
}
