package com.fleetprovisioner.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scrape reader and the comparison on what Micrometer really writes. */
class MetricsAgreementTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    MetricsAgreementTest() {
        Gauge.builder("fleet_devices", () -> 1998).tag("state", "provisioned").register(registry);
        Gauge.builder("fleet_devices", () -> 2).tag("state", "queued").register(registry);
        Counter.builder("fleet_sends").tag("code", "0").register(registry).increment(5);
        Counter.builder("fleet_sends").tag("code", "105").register(registry).increment(2);
    }

    @Test
    void readsSamplesByNameAndLabels() {
        PrometheusText scrape = PrometheusText.parse(registry.scrape());
        assertThat(scrape.value("fleet_devices", Map.of("state", "queued"))).contains(2.0);
        assertThat(scrape.value("fleet_devices", Map.of("state", "failed"))).isEmpty();
        assertThat(scrape.sum("fleet_devices", Map.of())).isEqualTo(2000.0);
        assertThat(scrape.sum("fleet_sends_total", Map.of())).isEqualTo(7.0);
        assertThat(scrape.sum("fleet_sends_total", Map.of("code", "105"))).isEqualTo(2.0);
    }

    @Test
    void reportsEveryFigureThatDiffersFromItsCount() {
        MetricsAgreement agreement = new MetricsAgreement()
                .expect("fleet_devices", Map.of("state", "provisioned"), () -> 1998)
                .expect("fleet_devices", Map.of("state", "queued"), () -> 3)
                .expect("fleet_devices", Map.of("state", "failed"), () -> 0)
                .expect("fleet_sends_total", Map.of(), () -> 7);
        assertThat(agreement.differences(registry::scrape, Duration.ZERO))
                .containsExactly("fleet_devices{state=queued}: /metrics says 2.0, the database 3");
    }
}
