package com.fleetprovisioner.web.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.auth.User;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What ends an API token: a password reset, disabling its user (for good), and its expiry. */
class TokenLifetimeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NEW_PASSWORD = "another-long-password-7";
    private static WebTestServer server;

    @BeforeAll
    static void start() {
        server = WebTestServer.start(DatabaseKind.H2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPasswordResetRevokesTheUsersTokens() throws Exception {
        User user = newUser("resetme");
        String token = token("resetme", WebTestServer.PASSWORD, Map.of());
        assertThat(me(token)).isEqualTo(200);

        assertThat(admin().postFormWithCsrf("/admin/users/" + user.id() + "/password", Map.of("password", NEW_PASSWORD))
                .statusCode()).isEqualTo(303);

        assertThat(me(token)).as("the token taken with the old password").isEqualTo(401);
        assertThat(me(token("resetme", NEW_PASSWORD, Map.of()))).as("a new one works").isEqualTo(200);
    }

    @Test
    void disablingRevokesTheTokensAndReEnablingBringsNoneBack() throws Exception {
        User user = newUser("disableme");
        String token = token("disableme", WebTestServer.PASSWORD, Map.of());
        assertThat(me(token)).isEqualTo(200);

        assertThat(admin().postFormWithCsrf("/admin/users/" + user.id() + "/enabled",
                Map.of("enabled", "false", "confirm", "yes")).statusCode()).isEqualTo(303);
        assertThat(server.services().users().get(user.id()).enabled()).isFalse();
        assertThat(me(token)).isEqualTo(401);
        assertThat(admin().postFormWithCsrf("/admin/users/" + user.id() + "/enabled", Map.of("enabled", "true"))
                .statusCode()).isEqualTo(303);
        assertThat(server.services().users().get(user.id()).enabled()).isTrue();

        assertThat(me(token)).as("re-enabled: the old token stays revoked").isEqualTo(401);
    }

    @Test
    void aTokenExpiresAfterItsChosenLifetimeAndTheApiSaysSo() throws Exception {
        newUser("expiring");
        String shortLived = token("expiring", WebTestServer.PASSWORD, Map.of("expiresInDays", "7"));
        String byDefault = token("expiring", WebTestServer.PASSWORD, Map.of());
        String forever = token("expiring", WebTestServer.PASSWORD, Map.of("expiresInDays", "never"));
        assertThat(me(shortLived)).isEqualTo(200);

        server.clock().advance(Duration.ofDays(7));
        HttpResponse<String> expired = server.client().send("GET", "/api/v1/me", Optional.of(shortLived), Optional.empty());
        assertThat(expired.statusCode()).isEqualTo(401);
        assertThat(expired.body()).contains("expired at");
        assertThat(me(byDefault)).as("90 days by default").isEqualTo(200);

        server.clock().advance(Duration.ofDays(83));
        assertThat(me(byDefault)).isEqualTo(401);
        assertThat(me(forever)).as("no expiry, chosen on purpose").isEqualTo(200);

        HttpResponse<String> refused = server.client().send("POST", "/api/v1/tokens", Optional.empty(),
                Optional.of(JSON.writeValueAsString(Map.of("username", "expiring", "password", WebTestServer.PASSWORD,
                        "expiresInDays", "9999"))));
        assertThat(refused.statusCode()).isEqualTo(422);
    }

    @Test
    void theTokenListShowsExpiryAndLastUse() throws Exception {
        newUser("lister");
        TestClient lister = server.client().signedIn("lister", WebTestServer.PASSWORD);
        HttpResponse<String> created = lister.postFormWithCsrf("/tokens", Map.of("name", "nightly", "expiresInDays", "30"));
        assertThat(created.statusCode()).isEqualTo(201);
        String raw = created.body().replaceAll("(?s).*(fpt_[A-Za-z0-9_-]+).*", "$1");
        String page = lister.get("/tokens").body();
        assertThat(page).contains("Expires").contains("Last used").contains("nightly").contains(">never<");

        assertThat(me(raw)).isEqualTo(200);
        JsonNode listed = JSON.readTree(server.client().send("GET", "/api/v1/tokens", Optional.of(raw), Optional.empty())
                .body()).get("tokens").get(0);
        assertThat(listed.get("expiresAt").asText()).isNotEmpty();
        assertThat(listed.get("lastUsedAt").isNull()).isFalse();
        assertThat(lister.get("/tokens").body()).doesNotContain(">never<");
    }

    /** Signed in anew for each use: the expiry test moves the clock past any session's lifetime. */
    private static TestClient admin() {
        return server.client().signedIn("admin", WebTestServer.PASSWORD);
    }

    private static User newUser(String name) {
        assertThat(admin().postFormWithCsrf("/admin/users", Map.of("username", name, "role", "operator",
                "password", WebTestServer.PASSWORD)).statusCode()).isEqualTo(303);
        return server.services().users().find(name).orElseThrow();
    }

    private static String token(String username, String password, Map<String, String> extra) throws Exception {
        Map<String, String> body = new java.util.HashMap<>(Map.of("username", username, "password", password));
        body.putAll(extra);
        HttpResponse<String> created = server.client().send("POST", "/api/v1/tokens", Optional.empty(),
                Optional.of(JSON.writeValueAsString(body)));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("token").asText();
    }

    private static int me(String token) {
        return server.client().send("GET", "/api/v1/me", Optional.of(token), Optional.empty()).statusCode();
    }
}
