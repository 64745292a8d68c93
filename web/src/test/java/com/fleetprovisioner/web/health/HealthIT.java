package com.fleetprovisioner.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HealthIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void healthIsUpWithTheDatabaseAnd503WithoutIt(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
            HttpResponse<String> up = viewer.get("/health");
            assertThat(up.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(up.body());
            assertThat(body.at("/status").asText()).isEqualTo("UP");
            assertThat(body.at("/database/status").asText()).isEqualTo("UP");
            assertThat(body.at("/queue/status").asText()).isEqualTo("UP");
            assertThat(body.at("/fleetFreedom/state").asText()).isEqualTo("NOT_HELD");
            assertThat(body.at("/version").asText()).isEqualTo("test");
            assertThat(server.client().get("/health/live").statusCode()).isEqualTo(200);
            assertThat(server.client().get("/health/ready").statusCode()).isEqualTo(200);

            server.database().close(); // the pool is gone: as good as a database that went away
            assertThat(server.client().get("/health/ready").statusCode()).as("not ready without a database").isEqualTo(503);
            assertThat(server.client().get("/health/live").statusCode()).as("but alive: no restart for an outage")
                    .isEqualTo(200);
            assertThat(JSON.readTree(server.client().get("/health/ready").body()).at("/status").asText()).isEqualTo("DOWN");
        }
    }

    @Test
    void anonymousCallersGetAStatusAndNothingElse() throws Exception {
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2)) {
            for (String path : new String[] {"/health/live", "/health/ready"}) {
                HttpResponse<String> answer = server.client().get(path);
                assertThat(answer.statusCode()).as(path).isEqualTo(200);
                assertThat(JSON.readTree(answer.body())).as(path).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));
            }
            HttpResponse<String> detailed = server.client().get("/health");
            assertThat(detailed.statusCode()).as("no login page for a monitor: 401").isEqualTo(401);
            assertThat(detailed.body()).doesNotContain(server.simulator().webSocketUri().toString())
                    .doesNotContain(String.valueOf(server.simulator().webSocketUri().getPort()))
                    .doesNotContain(SimulatorConfig.DEMO_USER.username()).doesNotContain("NOT_HELD")
                    .doesNotContain("\"version\"");
        }
    }

    @Test
    void aTokenReadsTheDetailedHealthAndABadOneIsRefused() throws Exception {
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2)) {
            String token = server.services().tokens().issue(Actor.system(), server.user(Role.VIEWER), "monitor").rawToken();
            HttpResponse<String> withToken = server.client().send("GET", "/health", Optional.of(token), Optional.empty());
            assertThat(withToken.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(withToken.body()).at("/fleetFreedom/state").asText()).isEqualTo("NOT_HELD");
            assertThat(server.client().send("GET", "/health", Optional.of("fpt_not-a-token"), Optional.empty())
                    .statusCode()).isEqualTo(401);
        }
    }
}
