package com.fleetprovisioner.web.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokensApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void aTokenFromUsernameAndPasswordCarriesTheRoleUntilRevoked() throws Exception {
        TestClient api = server.client();
        HttpResponse<String> created = api.send("POST", "/api/v1/tokens", Optional.empty(),
                Optional.of("{\"username\":\"operator\",\"password\":\"" + WebTestServer.PASSWORD + "\",\"name\":\"ci\"}"));
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(created.body());
        String token = body.get("token").asText();
        assertThat(token).startsWith("fpt_");
        assertThat(body.get("role").asText()).isEqualTo("operator");

        HttpResponse<String> me = api.send("GET", "/api/v1/me", Optional.of(token), Optional.empty());
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).get("role").asText()).isEqualTo("operator");

        HttpResponse<String> list = api.send("GET", "/api/v1/tokens", Optional.of(token), Optional.empty());
        assertThat(list.body()).contains("\"name\":\"ci\"").doesNotContain(token);

        long id = body.get("id").asLong();
        assertThat(api.send("DELETE", "/api/v1/tokens/" + id, Optional.of(token), Optional.empty()).statusCode()).isEqualTo(204);
        assertThat(api.send("GET", "/api/v1/me", Optional.of(token), Optional.empty()).statusCode()).isEqualTo(401);
    }

    @Test
    void wrongPasswordOrMalformedBodyGetsNoToken() {
        TestClient api = server.client();
        HttpResponse<String> wrong = api.send("POST", "/api/v1/tokens", Optional.empty(),
                Optional.of("{\"username\":\"admin\",\"password\":\"not-the-password\"}"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("fpt_");
        assertThat(api.send("POST", "/api/v1/tokens", Optional.empty(), Optional.of("{not json")).statusCode()).isEqualTo(400);
        assertThat(api.send("POST", "/api/v1/tokens", Optional.empty(), Optional.of("{}")).statusCode()).isEqualTo(422);
    }

    @Test
    void theTokensPageShowsANewTokenOnceAndRevokesIt() {
        TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
        HttpResponse<String> created = viewer.postFormWithCsrf("/tokens", Map.of("name", "laptop script"));
        assertThat(created.statusCode()).isEqualTo(201);
        Matcher matcher = Pattern.compile("id=\"new-token\"[^>]*>(fpt_[^<]+)<").matcher(created.body());
        assertThat(matcher.find()).isTrue();
        String token = matcher.group(1);
        assertThat(viewer.send("GET", "/api/v1/me", Optional.of(token), Optional.empty()).statusCode()).isEqualTo(200);

        String listPage = viewer.get("/tokens").body();
        assertThat(listPage).contains("laptop script").doesNotContain(token);
        Matcher revoke = Pattern.compile("href=\"(/tokens/\\d+/revoke)\"").matcher(listPage);
        assertThat(revoke.find()).isTrue();
        assertThat(viewer.get(revoke.group(1)).body()).contains("This cannot be undone");
        assertThat(viewer.postFormWithCsrf(revoke.group(1), Map.of("confirm", "yes")).statusCode()).isEqualTo(303);
        assertThat(viewer.send("GET", "/api/v1/me", Optional.of(token), Optional.empty()).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyTheOwnerOrAnAdminMayRevokeAToken() throws Exception {
        TestClient api = server.client();
        String viewerToken = JSON.readTree(api.send("POST", "/api/v1/tokens", Optional.empty(),
                Optional.of("{\"username\":\"viewer\",\"password\":\"" + WebTestServer.PASSWORD + "\"}")).body()).get("token").asText();
        JsonNode operatorCreated = JSON.readTree(api.send("POST", "/api/v1/tokens", Optional.empty(),
                Optional.of("{\"username\":\"operator\",\"password\":\"" + WebTestServer.PASSWORD + "\"}")).body());
        long operatorTokenId = operatorCreated.get("id").asLong();

        assertThat(api.send("DELETE", "/api/v1/tokens/" + operatorTokenId, Optional.of(viewerToken), Optional.empty()).statusCode())
                .isEqualTo(404);
        assertThat(api.send("GET", "/api/v1/me", Optional.of(operatorCreated.get("token").asText()), Optional.empty()).statusCode())
                .isEqualTo(200);
    }
}
