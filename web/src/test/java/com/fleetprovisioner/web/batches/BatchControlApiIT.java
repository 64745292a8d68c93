package com.fleetprovisioner.web.batches;

import static com.fleetprovisioner.db.jooq.Tables.AUDIT_LOG;
import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The batch and device API over a real server: progress, controls, history, audit. */
class BatchControlApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void operatorsPauseCancelAndReadBatchesAndDevices(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            var dsl = DatabaseFixture.dsl(server.database());
            long user = server.user(Role.OPERATOR).id();
            Instant now = Instant.now();
            long batch = dsl.insertInto(BATCH).set(BATCH.SOURCE, "api").set(BATCH.STATE, "submitted")
                    .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, now).set(BATCH.UPDATED_AT, now)
                    .returning(BATCH.ID).fetchOne(BATCH.ID);
            List<NewDevice> devices = IntStream.range(0, 3).mapToObj(n -> new NewDevice("35693805000000" + n, "calamp",
                    42, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), batch, Optional.of(n),
                    user)).toList();
            new JooqDeviceIntake(dsl).insertQueued(devices, now);
            String operator = token(server, "operator");
            String viewer = token(server, "viewer");
            TestClient api = server.client();

            JsonNode progress = json(api.send("GET", "/api/v1/batches/" + batch, Optional.of(viewer), Optional.empty()));
            assertThat(progress.get("total").asLong()).isEqualTo(3);
            assertThat(progress.get("counts").get("queued").asLong()).isEqualTo(3);

            assertThat(api.send("POST", "/api/v1/batches/" + batch + "/pause", Optional.of(viewer), Optional.empty())
                    .statusCode()).isEqualTo(403);
            JsonNode paused = json(api.send("POST", "/api/v1/batches/" + batch + "/pause", Optional.of(operator),
                    Optional.empty()));
            assertThat(paused.get("paused").asBoolean()).isTrue();

            JsonNode cancelled = json(api.send("POST", "/api/v1/batches/" + batch + "/cancel", Optional.of(operator),
                    Optional.empty()));
            assertThat(cancelled.get("cancelled").asInt()).isEqualTo(3);
            assertThat(cancelled.get("batch").get("counts").get("cancelled").asLong()).isEqualTo(3);

            JsonNode device = json(api.send("GET", "/api/v1/devices/356938050000000", Optional.of(viewer), Optional.empty()));
            assertThat(device.get("state").asText()).isEqualTo("cancelled");
            assertThat(device.get("billingStartedAt").isNull()).isTrue();
            assertThat(device.get("events")).extracting(e -> e.get("type").asText()).containsExactly("queued", "cancelled");
            assertThat(device.get("events").get(1).get("actorUserId").asLong()).isEqualTo(user);

            // the device page: history for viewers, requeue for operators (form, CSRF, flash)
            String viewerPage = server.client().signedIn("viewer", WebTestServer.PASSWORD)
                    .get("/history/356938050000001").body();
            assertThat(viewerPage).contains("data-event=\"cancelled\"").doesNotContain("/requeue");
            TestClient operatorBrowser = server.client().signedIn("operator", WebTestServer.PASSWORD);
            assertThat(operatorBrowser.get("/history/356938050000001").body()).contains("/history/356938050000001/requeue");
            HttpResponse<String> posted = operatorBrowser.postFormWithCsrf("/history/356938050000001/requeue", java.util.Map.of());
            assertThat(posted.statusCode()).isEqualTo(303);
            String after = operatorBrowser.get("/history/356938050000001").body();
            assertThat(after).contains("Device 356938050000001 requeued.").contains("data-event=\"requeued\"");
            assertThat(operatorBrowser.get("/history/nope").statusCode()).isEqualTo(404);

            long id = device.get("id").asLong();
            JsonNode requeued = json(api.send("POST", "/api/v1/devices/" + id + "/requeue", Optional.of(operator),
                    Optional.empty()));
            assertThat(requeued.get("state").asText()).isEqualTo("queued");
            HttpResponse<String> again = api.send("POST", "/api/v1/devices/" + id + "/requeue", Optional.of(operator),
                    Optional.empty());
            assertThat(again.statusCode()).isEqualTo(422);
            assertThat(api.send("GET", "/api/v1/devices/nope", Optional.of(viewer), Optional.empty()).statusCode())
                    .isEqualTo(404);
            assertThat(api.send("GET", "/api/v1/batches/99999", Optional.of(viewer), Optional.empty()).statusCode())
                    .isEqualTo(404);
            assertThat(dsl.select(AUDIT_LOG.ACTION).from(AUDIT_LOG).fetch(AUDIT_LOG.ACTION))
                    .contains("batch.pause", "batch.cancel", "device.requeue");

            JsonNode pipeline = json(api.send("GET", "/api/v1/pipeline", Optional.of(viewer), Optional.empty()));
            assertThat(pipeline.get("state").asText()).isEqualTo("RUNNING");
            JsonNode health = json(api.send("GET", "/health", Optional.of(viewer), Optional.empty()));
            assertThat(health.get("pipeline").get("state").asText()).isEqualTo("RUNNING");

            // an account problem: every signed-in page and /health (with a token) say why, until an admin resumes
            server.services().pipeline().stop(11, "Fleet Freedom rejected the username or password.", Instant.now());
            String page = server.client().signedIn("viewer", WebTestServer.PASSWORD).get("/").body();
            assertThat(page).contains("data-testid=\"pipeline-alert\"").contains("rejected the username or password");
            assertThat(json(api.send("GET", "/health", Optional.of(viewer), Optional.empty())).get("pipeline")
                    .get("state").asText()).isEqualTo("STOPPED");
            assertThat(api.send("POST", "/api/v1/pipeline/resume", Optional.of(operator), Optional.empty()).statusCode())
                    .isEqualTo(403);
            JsonNode resumed = json(api.send("POST", "/api/v1/pipeline/resume", Optional.of(token(server, "admin")),
                    Optional.empty()));
            assertThat(resumed.get("state").asText()).isEqualTo("RUNNING");
            assertThat(server.client().signedIn("viewer", WebTestServer.PASSWORD).get("/").body())
                    .doesNotContain("pipeline-alert");
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String token(WebTestServer server, String username) throws Exception {
        HttpResponse<String> created = server.client().send("POST", "/api/v1/tokens", Optional.empty(),
                Optional.of("{\"username\":\"" + username + "\",\"password\":\"" + WebTestServer.PASSWORD + "\"}"));
        return JSON.readTree(created.body()).get("token").asText();
    }
}
