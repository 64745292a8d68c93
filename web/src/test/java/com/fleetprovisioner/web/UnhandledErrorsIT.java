package com.fleetprovisioner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever fails inside a request, a page request gets our error page with an id and an API request
 * JSON with the id, never the servlet container's or the browser's own error page: an
 * {@link Error} (Javalin does not hand those to exception handlers), a template that fails while
 * rendering, and an answer that had already begun (then the transfer is cut, not left looking whole).
 * Test-only routes fail on purpose; the server keeps serving afterwards.
 */
class UnhandledErrorsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PAGE_ID = Pattern.compile("Error id</span>: <code>([A-Za-z0-9_-]{6,})</code>");
    private static WebTestServer server;

    @BeforeAll
    static void start() {
        server = WebTestServer.start(DatabaseKind.H2, Map.of(), UnhandledErrorsIT::failingRoutes);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void failingRoutes(Routes routes, PageRenderer renderer) {
        routes.get("/test/out-of-memory", Access.PUBLIC, ctx -> {
            throw new OutOfMemoryError("Java heap space (thrown by a test)");
        });
        routes.get("/api/test/out-of-memory", Access.PUBLIC, ctx -> {
            throw new OutOfMemoryError("Java heap space (thrown by a test)");
        });
        routes.get("/test/stack-overflow", Access.PUBLIC, ctx -> ctx.result(Long.toString(recurse(0))));
        routes.get("/api/test/stack-overflow", Access.PUBLIC, ctx -> ctx.result(Long.toString(recurse(0))));
        // the login template reads page.error, which a String does not have
        routes.get("/test/broken-template", Access.PUBLIC, ctx -> renderer.render(ctx, "auth/login", "not a login page"));
        routes.get("/test/committed", Access.PUBLIC, ctx -> {
            OutputStream out = ctx.res().getOutputStream();
            out.write(new byte[256 * 1024]);
            out.flush();
            throw new OutOfMemoryError("Java heap space (thrown by a test, after the answer began)");
        });
    }

    private static long recurse(long depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void anErrorOnAPageRendersOurErrorPageWithAnId() {
        for (String path : new String[] {"/test/out-of-memory", "/test/stack-overflow", "/test/broken-template"}) {
            HttpResponse<String> page = server.client().get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(500);
            assertThat(page.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/html"));
            Matcher id = PAGE_ID.matcher(page.body());
            assertThat(id.find()).as("an error id on the page of %s: %s", path, page.body()).isTrue();
            assertThat(page.body()).as(path).contains("<h1>Something went wrong</h1>")
                    .contains("Quote this error id when you report it: " + id.group(1))
                    .doesNotContain("Error</").doesNotContain("\tat ").doesNotContain("OutOfMemory")
                    .doesNotContain("StackOverflow").doesNotContain("Jetty").doesNotContain("HTTP ERROR");
        }
        assertStillServing();
    }

    @Test
    void anErrorOnTheApiAnswersJsonWithAnId() throws IOException {
        for (String path : new String[] {"/api/test/out-of-memory", "/api/test/stack-overflow"}) {
            HttpResponse<String> answer = server.client().get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(500);
            JsonNode body = JSON.readTree(answer.body());
            assertThat(body.get("errorId").asText()).as(path).matches("[A-Za-z0-9_-]{6,}");
            assertThat(answer.body()).doesNotContain("OutOfMemory").doesNotContain("StackOverflow");
        }
        assertStillServing();
    }

    @Test
    void anErrorAfterTheAnswerBeganCutsTheTransferInsteadOfEndingItAsIfWhole() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(server.uri("/test/committed")).GET().build();
        assertThatThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofByteArray()))
                .isInstanceOf(IOException.class);
        assertStillServing();
    }

    private static void assertStillServing() {
        TestClient client = server.client();
        assertThat(client.get("/health/ready").statusCode()).isEqualTo(200);
        assertThat(client.login("viewer", WebTestServer.PASSWORD).statusCode()).isEqualTo(303);
    }
}
