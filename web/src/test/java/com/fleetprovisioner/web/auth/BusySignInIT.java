package com.fleetprovisioner.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.auth.HashingGate;
import com.fleetprovisioner.core.auth.PasswordHasher;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.HeldHashingSlots;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * When every password-hashing slot stays taken, a sign-in is refused at once with 429 and
 * Retry-After instead of piling up on the heap: the login form is re-shown with a message, the API
 * answers JSON, an admin creating a user gets our page; nothing is counted against anyone, and
 * once a slot frees up the same password signs in.
 */
class BusySignInIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyPathThatHashesAnswers429WithRetryAfterWhileTheSlotsAreTaken() throws Exception {
        HashingGate gate = new HashingGate(1, Duration.ofMillis(200));
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2, Map.of(), (routes, renderer) -> {
        }, new PasswordHasher(gate))) {
            TestClient admin = server.client().signedIn("admin", WebTestServer.PASSWORD);
            try (HeldHashingSlots held = HeldHashingSlots.of(gate)) {
                HttpResponse<String> form = server.client().login("viewer", WebTestServer.PASSWORD);
                assertThat(form.statusCode()).isEqualTo(429);
                assertThat(form.headers().firstValue("Retry-After")).contains("1");
                assertThat(form.body()).contains("id=\"login-error\"")
                        .contains("Too many sign-ins are being checked right now. Try again in 1 second.")
                        .contains("name=\"password\"").contains("value=\"viewer\"");

                HttpResponse<String> api = server.client().send("POST", "/api/v1/tokens", Optional.empty(),
                        Optional.of("{\"username\":\"nobody\",\"password\":\"guess\"}"));
                assertThat(api.statusCode()).isEqualTo(429);
                assertThat(api.headers().firstValue("Retry-After")).contains("1");
                JsonNode body = JSON.readTree(api.body());
                assertThat(body.get("message").asText()).contains("Try again in 1 second");

                HttpResponse<String> created = admin.postFormWithCsrf("/admin/users",
                        Map.of("username", "dana@example.com", "role", "viewer", "password", "dana-password-1"));
                assertThat(created.statusCode()).isEqualTo(429);
                assertThat(created.headers().firstValue("Retry-After")).contains("1");
                assertThat(created.body()).contains("Too many passwords are being checked right now");
            }
            assertThat(server.services().audit().recent(50)).noneMatch(e -> e.action().equals("login.failed")
                    || e.action().equals("login.refused"));
            assertThat(server.client().login("viewer", WebTestServer.PASSWORD).statusCode()).isEqualTo(303);
        }
    }
}
