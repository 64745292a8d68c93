package com.fleetprovisioner.web.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HealthIT {
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void healthIsUpWithTheDatabaseAnd503WithoutIt(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            HttpResponse<String> up = server.client().get("/health");
            assertThat(up.statusCode()).isEqualTo(200);
            JsonNode body = new ObjectMapper().readTree(up.body());
            assertThat(body.at("/status").asText()).isEqualTo("UP");
            assertThat(body.at("/database/status").asText()).isEqualTo("UP");
            assertThat(body.at("/queue/status").asText()).isEqualTo("UP");
            assertThat(body.at("/fleetFreedom/state").asText()).isEqualTo("NOT_HELD");
            assertThat(body.at("/version").asText()).isEqualTo("test");
            assertThat(server.client().get("/health/live").statusCode()).isEqualTo(200);
            assertThat(server.client().get("/health/ready").statusCode()).isEqualTo(200);

            server.database().close(); // the pool is gone: as good as a database that went away
            HttpResponse<String> down = server.client().get("/health");
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(new ObjectMapper().readTree(down.body()).at("/database/status").asText()).isEqualTo("DOWN");
            assertThat(server.client().get("/health/ready").statusCode()).as("not ready without a database").isEqualTo(503);
            assertThat(server.client().get("/health/live").statusCode()).as("but alive: no restart for an outage")
                    .isEqualTo(200);
        }
    }
}
