package com.fleetprovisioner.web.metrics;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
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

    private static void queueTwoDevices(WebTestServer server) {
        var dsl = server.database().dsl();
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
