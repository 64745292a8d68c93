package com.fleetprovisioner.web.metrics;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.device.JooqDeviceRepository;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsIT {
    @Test
    void prometheusSeesTheQueueAsTheDatabaseHoldsItAndTheJvm() {
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2)) {
            HttpResponse<String> empty = server.client().get("/metrics");
            assertThat(empty.statusCode()).isEqualTo(200);
            assertThat(empty.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(empty.body()).contains("fleet_devices{state=\"queued\"} 0.0").contains("jvm_memory_used_bytes");

            queueTwoDevices(server);
            server.clock().advance(Duration.ofSeconds(6)); // past the count cache
            assertThat(server.client().get("/metrics").body()).contains("fleet_devices{state=\"queued\"} 2.0")
                    .contains("fleet_devices{state=\"provisioned\"} 0.0");
        }
    }

    @Test
    void aMetricsTokenIsNeededOnceSetOnTheWebPortAndTheManagementPort() throws Exception {
        String token = "scrape-token-0123456789";
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2, Map.of("FP_METRICS_TOKEN", token))) {
            assertThat(server.client().get("/metrics").statusCode()).isEqualTo(401);
            assertThat(scrape(server.uri("/metrics"), "Bearer wrong-token-0123456789").statusCode()).isEqualTo(401);
            assertThat(scrape(server.uri("/metrics"), "Basic " + token).statusCode()).isEqualTo(401);
            HttpResponse<String> ok = scrape(server.uri("/metrics"), "Bearer " + token);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("fleet_devices");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2, Map.of("FP_METRICS_TOKEN", token,
                "FP_METRICS_PORT", Integer.toString(port)))) {
            URI management = URI.create("http://127.0.0.1:" + port + "/metrics");
            assertThat(scrape(management, "").statusCode()).isEqualTo(401);
            assertThat(scrape(management, "Bearer " + token).statusCode()).isEqualTo(200);
        }
    }

    private static HttpResponse<String> scrape(URI uri, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsMoveToAManagementPortOrAreOff() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2, Map.of("FP_METRICS_PORT", Integer.toString(port)))) {
            assertThat(server.server().managementPort()).contains(port);
            HttpResponse<String> management = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(management.body()).contains("fleet_devices");
            assertThat(server.client().get("/metrics").statusCode()).as("not on the web port").isEqualTo(303);
        }
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2, Map.of("FP_METRICS_ENABLED", "false"))) {
            assertThat(server.client().get("/metrics").statusCode()).isEqualTo(303);
            assertThat(server.server().routes()).noneMatch(r -> r.path().equals("/metrics"));
        }
    }

    @Test
    void pipelineMetricsAreTheDeviceHistorysFiguresAndStaySoAsTheyAreCountedIncrementally() {
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2)) {
            queueTwoDevices(server);
            long device = DatabaseFixture.dsl(server.database()).select(DEVICE.ID).from(DEVICE).limit(1).fetchOne(DEVICE.ID);
            var devices = new JooqDeviceRepository(DatabaseFixture.dsl(server.database()));
            for (int i = 0; i < 3; i++) {
                devices.append(event(server, device, DeviceEvent.Type.SENT, null, null));
            }
            devices.append(event(server, device, DeviceEvent.Type.RESPONSE, 0, 100L));
            devices.append(event(server, device, DeviceEvent.Type.RESPONSE, 3, 300L));
            devices.append(event(server, device, DeviceEvent.Type.RESPONSE, 3, 200L));
            devices.append(event(server, device, DeviceEvent.Type.RESPONSE, 20, null)); // a getProvider answer
            devices.append(event(server, device, DeviceEvent.Type.RESPONSE, null, null)); // an unknown outcome

            String body = server.client().get("/metrics").body();
            assertThat(value(body, "fleet_merge_provider_sends_total")).isEqualTo(3.0);
            assertThat(value(body, "fleet_merge_provider_errors_total{code=\"3\",name=\"invalidData\"}")).isEqualTo(2.0);
            assertThat(body).doesNotContain("code=\"20\"").doesNotContain("code=\"0\"");
            assertThat(value(body, "fleet_merge_provider_latency_seconds_count")).isEqualTo(3.0);
            assertThat(value(body, "fleet_merge_provider_latency_seconds_sum")).isCloseTo(0.6, within(1e-9));
            assertThat(value(body, "fleet_merge_provider_latency_recent_seconds{quantile=\"0.5\"}")).isEqualTo(0.2);
            assertThat(value(body, "fleet_merge_provider_latency_recent_seconds{quantile=\"0.99\"}")).isEqualTo(0.3);
            assertThat(value(body, "fleet_merge_provider_sends_per_second")).isCloseTo(3 / 60.0, within(1e-9));

            // past the settling time: the first events are summed once and kept; new ones are added to them
            server.clock().advance(Duration.ofMinutes(6));
            server.client().get("/metrics");
            devices.append(event(server, device, DeviceEvent.Type.SENT, null, null));
            devices.append(event(server, device, DeviceEvent.Type.RESPONSE, 3, 400L));
            server.clock().advance(Duration.ofSeconds(6));
            body = server.client().get("/metrics").body();
            assertThat(value(body, "fleet_merge_provider_sends_total")).isEqualTo(4.0);
            assertThat(value(body, "fleet_merge_provider_errors_total{code=\"3\",name=\"invalidData\"}")).isEqualTo(3.0);
            assertThat(value(body, "fleet_merge_provider_latency_seconds_count")).isEqualTo(4.0);
            assertThat(value(body, "fleet_merge_provider_sends_per_second")).as("the last minute only")
                    .isCloseTo(1 / 60.0, within(1e-9));
            assertThat(value(body, "fleet_merge_provider_latency_recent_seconds{quantile=\"0.5\"}")).isEqualTo(0.4);
        }
    }

    private static DeviceEvent event(WebTestServer server, long device, DeviceEvent.Type type, Integer code, Long latencyMs) {
        DeviceEvent e = DeviceEvent.byWorker(device, server.clock().instant(), type, 1, code, Text.of("event.text.sent", type.id()), "w1");
        return latencyMs == null ? e : e.withLatency(Duration.ofMillis(latencyMs));
    }

    /** The value of one series in the Prometheus text exposition. */
    private static double value(String exposition, String series) {
        return exposition.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim().split(" ")[0]))
                .orElseThrow(() -> new AssertionError(series + " not in:\n" + exposition));
    }

    private static void queueTwoDevices(WebTestServer server) {
        var dsl = DatabaseFixture.dsl(server.database());
        long user = server.user(Role.OPERATOR).id();
        long batch = dsl.insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, server.clock().instant())
                .set(BATCH.UPDATED_AT, server.clock().instant()).returning(BATCH.ID).fetchOne(BATCH.ID);
        new JooqDeviceIntake(dsl).insertQueued(List.of(device("356938035643809", batch, user), device("356938035643817", batch, user)),
                server.clock().instant());
    }

    private static NewDevice device(String id, long batch, long user) {
        return new NewDevice(id, "calamp", 42, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                batch, Optional.empty(), user);
    }
}
