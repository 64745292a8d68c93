package com.fleetprovisioner.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.web.testing.TestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/** An operator of a web process in another JVM, working through the REST API with its own token. */
public final class ApiOperator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI web;
    private final String token;

    private ApiOperator(URI web, String token) {
        this.web = web;
        this.token = token;
    }

    /**
     * As an operator gets a token: an admin creates the account on the Users page (signed in through the
     * login form), then the operator trades the password for a token at {@code POST /api/v1/tokens}.
     */
    public static ApiOperator created(URI web, String adminPassword, String username, String password) throws IOException {
        TestClient admin = TestClient.at(web).signedIn("admin", adminPassword);
        HttpResponse<String> created = admin.postFormWithCsrf("/admin/users",
                Map.of("username", username, "role", "operator", "password", password));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        HttpResponse<String> issued = TestClient.at(web).send("POST", "/api/v1/tokens", Optional.empty(),
                Optional.of(JSON.writeValueAsString(Map.of("username", username, "password", password, "name", "api"))));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        JsonNode token = JSON.readTree(issued.body());
        assertThat(token.get("role").asText()).isEqualTo("operator");
        return new ApiOperator(web, token.get("token").asText());
    }

    /** Uploads any file as it is, with these form fields; the answer unchecked (a hang fails after 5 minutes). */
    public HttpResponse<String> upload(String fileName, byte[] content, Map<String, String> fields) {
        return TestClient.at(web).withRequestTimeout(java.time.Duration.ofMinutes(5))
                .postFile("/api/v1/batches", Optional.of(token), fields, fileName, content);
    }

    /** Uploads a CSV file, checks that every row is valid, submits it; returns the devices queued. */
    public int uploadAndSubmit(String fileName, String csv, int rows) throws IOException {
        TestClient api = TestClient.at(web);
        HttpResponse<String> upload = api.postFile("/api/v1/batches", Optional.of(token), Map.of(), fileName,
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        JsonNode batch = JSON.readTree(upload.body());
        assertThat(batch.get("totals").get("valid").asInt()).as(upload.body()).isEqualTo(rows);
        assertThat(batch.get("totals").get("errors").asInt()).isZero();
        HttpResponse<String> submit = api.send("POST", batch.get("submitUrl").asText(), Optional.of(token), Optional.of("{}"));
        assertThat(submit.statusCode()).as(submit.body()).isEqualTo(200);
        return JSON.readTree(submit.body()).get("devicesQueued").asInt();
    }
}
