package com.fleetprovisioner.core.config;

import com.fleetprovisioner.common.Secrets;
import com.fleetprovisioner.core.settings.TestConnectionHosts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the web process shows to whom beyond its pages: who may scrape {@code /metrics} and which hosts
 * "Test connection" may reach.
 *
 * @param metricsToken        when set, {@code /metrics} needs {@code Authorization: Bearer <token>}
 * @param testConnectionHosts the hosts the settings page's connection test may reach
 */
public record ExposureSettings(Optional<String> metricsToken, TestConnectionHosts testConnectionHosts) {
    public static final int MIN_TOKEN_LENGTH = 16;

    static ExposureSettings from(Env env) {
        Optional<String> token = env.optional("FP_METRICS_TOKEN");
        if (token.isPresent() && token.get().length() < MIN_TOKEN_LENGTH) {
            throw new ConfigException("FP_METRICS_TOKEN must be at least " + MIN_TOKEN_LENGTH
                    + " characters long (openssl rand -hex 24)");
        }
        return new ExposureSettings(token,
                TestConnectionHosts.parse(env.optional("FP_TEST_CONNECTION_HOSTS").orElse("")));
    }

    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("FP_METRICS_TOKEN", metricsToken.isPresent() ? Secrets.MASK : "(unset: /metrics without a token)");
        out.put("FP_TEST_CONNECTION_HOSTS", testConnectionHosts.toString());
        return out;
    }
}
