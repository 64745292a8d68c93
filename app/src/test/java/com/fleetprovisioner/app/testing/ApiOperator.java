package com.fleetprovisioner.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.web.testing.TestClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    /** The admin with a token of their own, e.g. for the detailed {@code /health} (which needs a user or token). */
    public static ApiOperator admin(URI web, String adminPassword) throws IOException {
        HttpResponse<String> issued = TestClient.at(web).send("POST", "/api/v1/tokens", Optional.empty(),
                Optional.of(JSON.writeValueAsString(Map.of("username", "admin", "password", adminPassword,
                        "name", "monitor"))));
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
        return new ApiOperator(web, JSON.readTree(issued.body()).get("token").asText());
    }

    /** The bearer token, for requests the helpers here do not make. */
    public String token() {
        return token;
    }

    /** Uploads any file as it is, with these form fields; the answer unchecked. */
    public HttpResponse<String> upload(String fileName, byte[] content, Map<String, String> fields) {
        return client().postFile("/api/v1/batches", Optional.of(token), fields, fileName, content);
    }

    /** Uploads a CSV file, checks that every row is valid, submits it; returns the devices queued. */
    public int uploadAndSubmit(String fileName, String csv, int rows) throws IOException {
        JsonNode submitted = submit(upload(fileName, csv, rows));
        return submitted.get("devicesQueued").asInt();
    }

    /** Uploads a CSV file and checks that every row is valid; returns the batch id. */
    public long upload(String fileName, String csv, int rows) throws IOException {
        HttpResponse<String> upload = client().postFile("/api/v1/batches", Optional.of(token), Map.of(), fileName,
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
        JsonNode batch = JSON.readTree(upload.body());
        assertThat(batch.get("totals").get("valid").asInt()).as(upload.body()).isEqualTo(rows);
        assertThat(batch.get("totals").get("errors").asInt()).isZero();
        return batch.get("batchId").asLong();
    }

    /** Submits a batch and checks that the answer is a success; returns the answer. */
    public JsonNode submit(long batchId) throws IOException {
        HttpResponse<String> submit = client().send("POST", "/api/v1/batches/" + batchId + "/submit", Optional.of(token),
                Optional.of("{}"));
        assertThat(submit.statusCode()).as(submit.body()).isEqualTo(200);
        return JSON.readTree(submit.body());
    }

    /** A GET with the token that must answer 200, as JSON. */
    public JsonNode get(String path) throws IOException {
        HttpResponse<String> answer = client().send("GET", path, Optional.of(token), Optional.empty());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    /** Generous: the largest files the limits allow take seconds on a busy CI machine; this only catches hangs. */
    private TestClient client() {
        return TestClient.at(web).withTimeout(Duration.ofMinutes(5));
    }
}
