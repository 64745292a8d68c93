package com.fleetprovisioner.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.app.testing.ApiOperator;
import com.fleetprovisioner.app.testing.EnvFile;
import com.fleetprovisioner.worker.testing.JarProcess;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.DatabaseUrl;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command, for real: the app jar as its own JVM, on H2 and on PostgreSQL. */
class AppJarIT {
    private static final Path JAR = Path.of("target", "fleet-provisioner.jar").toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** With .env.example's values as copied (issue 16: it used to select PostgreSQL and stop without a key). */
    @Test
    void firstStartOnH2CreatesTheDatabasePrintsTheAdminLoginAndIsHealthy(@TempDir Path directory) throws Exception {
        int port = JarProcess.freePort();
        Map<String, String> environment = new HashMap<>(EnvFile.example());
        environment.put("FP_HTTP_PORT", Integer.toString(port));
        try (JarProcess app = JarProcess.start(JAR, directory, environment)) {
            String running = app.awaitLine(line -> line.contains("Fleet Provisioner is running at http://localhost:" + port + "/"), START);
            List<String> lines = app.lines();
            List<String> startUp = lines.subList(0, lines.indexOf(running) + 1);
            assertThat(startUp).as("no logback status (issue 16: about 30 lines at every start)")
                    .noneMatch(line -> line.contains("|-INFO in ") || line.contains("|-WARN in "));
            assertThat(startUp).as("a short start-up: configuration, simulator, admin login, address").hasSizeLessThan(20);
            int index = lines.indexOf(lines.stream().filter(l -> l.contains("created the user 'admin'")).findFirst().orElseThrow());
            String password = lines.get(index + 1).trim();
            assertThat(password).hasSizeGreaterThanOrEqualTo(12);
            assertThat(app.console().split(Pattern.quote(password), -1)).as("printed exactly once").hasSize(2);
            assertThat(Files.exists(directory.resolve("data").resolve("fleet-provisioner.mv.db"))).isTrue();
            assertThat(Files.exists(directory.resolve("data").resolve("secret.key"))).as("device-password key").isTrue();

            JsonNode health = awaitConnected(port, password);
            assertThat(health.at("/database/status").asText()).isEqualTo("UP");
            assertThat(health.at("/fleetFreedom/target").asText()).isEqualTo("simulator");
            assertThat(signIn(port, "admin", password).statusCode()).isEqualTo(303);
        }
    }

    @Test
    void theSameJarMigratesAndServesOnPostgres(@TempDir Path directory) throws Exception {
        DatabaseUrl database = TestDatabases.freshUrl(DatabaseKind.POSTGRES);
        int port = JarProcess.freePort();
        String adminPassword = "postgres-admin-password";
        Map<String, String> environment = Map.of(
                "FP_HTTP_PORT", Integer.toString(port),
                "FP_DB_URL", database.url(),
                "FP_DB_USER", database.user(),
                "FP_DB_PASSWORD", database.password(),
                "FP_ADMIN_PASSWORD", adminPassword,
                "FP_SECRET_KEY", "q2S0y8w1n0pC4bq9G2yq3K6wqv2xq4nq8w3x6v1b2c4=");
        try (JarProcess app = JarProcess.start(JAR, directory, environment)) {
            app.awaitLine(line -> line.contains("is running at"), START);
            JsonNode health = awaitConnected(port, adminPassword);
            assertThat(health.at("/status").asText()).isEqualTo("UP");
            assertThat(signIn(port, "admin", adminPassword).statusCode()).isEqualTo(303);
            assertThat(app.console()).doesNotContain(adminPassword).doesNotContain("q2S0y8w1n0pC4bq9")
                    .contains("FP_ADMIN_PASSWORD=***").contains("FP_SECRET_KEY=***");
            assertThat(Files.exists(directory.resolve("data"))).as("no H2 file on PostgreSQL").isFalse();
        }
    }

    @Test
    void postgresWithoutASecretKeyStopsWithAMessageSayingWhatToSet(@TempDir Path directory) {
        DatabaseUrl database = TestDatabases.freshUrl(DatabaseKind.POSTGRES);
        Map<String, String> environment = Map.of("FP_HTTP_PORT", Integer.toString(JarProcess.freePort()),
                "FP_DB_URL", database.url(), "FP_DB_USER", database.user(), "FP_DB_PASSWORD", database.password());
        try (JarProcess app = JarProcess.start(JAR, directory, environment)) {
            assertThat(app.awaitExit(Duration.ofSeconds(90))).isNotZero();
            assertThat(app.console()).contains("FP_SECRET_KEY must be set with PostgreSQL");
        }
    }

    @Test
    void aBadValueStopsTheProcessWithAMessageNamingTheVariable(@TempDir Path directory) {
        try (JarProcess app = JarProcess.start(JAR, directory, Map.of("FP_HTTP_PORT", "seventy"))) {
            assertThat(app.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(app.console()).contains("Configuration error: FP_HTTP_PORT must be a whole number");
        }
    }

    /** /health (with the admin's token: it is not anonymous) until the Fleet Freedom connection is up. */
    private static JsonNode awaitConnected(int port, String adminPassword) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode health = null;
        ApiOperator admin = ApiOperator.admin(uri(port, "/"), adminPassword);
        while (System.nanoTime() < deadline) {
            health = admin.get("/health");
            if (health.at("/fleetFreedom/state").asText().equals("CONNECTED")) {
                return health;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Fleet Freedom never connected: " + health);
    }

    private static HttpResponse<String> signIn(int port, String username, String password) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String page = client.send(HttpRequest.newBuilder(uri(port, "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(csrf.find()).isTrue();
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        return client.send(HttpRequest.newBuilder(uri(port, "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient http() {
        return HttpClient.newHttpClient();
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
