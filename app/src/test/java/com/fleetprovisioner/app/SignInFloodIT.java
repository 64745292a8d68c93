package com.fleetprovisioner.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.app.testing.ApiOperator;
import com.fleetprovisioner.worker.testing.JarProcess.Launch;
import com.fleetprovisioner.worker.testing.JarProcess;
import com.fleetprovisioner.core.intake.Ids;
import com.fleetprovisioner.simulator.ControlClient;
import com.fleetprovisioner.web.testing.SignInFlood;
import com.fleetprovisioner.web.testing.TestClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flood, on the default install: the app jar on H2 as its own JVM at -Xmx512m, 100
 * anonymous sign-ins at once from 100 addresses (unknown users and wrong passwords, through the API
 * and the form). Each is answered as designed (401, or 429 with Retry-After), nothing fails with
 * a 5xx or runs the heap out, and afterwards every other part works: the simulator's control API,
 * the Fleet Freedom session (a device submitted after the flood is provisioned), readiness, and
 * the right password.
 */
class SignInFloodIT {
    private static final Path JAR = Path.of("target", "fleet-provisioner.jar").toAbsolutePath();
    private static final Duration START = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "flood-admin-password";
    private static final String OPERATOR_PASSWORD = "flood-operator-password";
    private static final int SIGN_INS = 100;
    private static final String CONTROL_TOKEN = "Simulator control token (shown once):";

    @Test
    void aHundredParallelAnonymousSignInsAreAnsweredAsDesignedAndHarmNothingElse(@TempDir Path directory) throws Exception {
        int port = JarProcess.freePort();
        Launch launch = Launch.of(JAR, directory, Map.of("FP_HTTP_PORT", Integer.toString(port),
                        "FP_ADMIN_PASSWORD", ADMIN_PASSWORD, "FP_TRUST_PROXY", "true"))
                .withJvmOptions("-Xmx512m").withLog(Path.of("target", "sign-in-flood", "app.log"));
        try (JarProcess app = JarProcess.start(launch)) {
            String target = app.awaitLine(line -> line.contains("control API"), START);
            String token = app.awaitLine(line -> line.contains(CONTROL_TOKEN), START);
            app.awaitLine(line -> line.contains("is running at"), START);
            Matcher control = Pattern.compile("control API (\\S+)\\)").matcher(target);
            assertThat(control.find()).as(target).isTrue();
            ControlClient controlApi = new ControlClient(URI.create(control.group(1)),
                    token.substring(token.indexOf(CONTROL_TOKEN) + CONTROL_TOKEN.length()).trim());
            URI web = URI.create("http://127.0.0.1:" + port + "/");
            awaitConnected(ApiOperator.admin(web, ADMIN_PASSWORD));
            ApiOperator operator = ApiOperator.created(web, ADMIN_PASSWORD, "floodop", OPERATOR_PASSWORD);

            SignInFlood.Result flood = SignInFlood.fire(web, SIGN_INS, "floodop", Duration.ofSeconds(60));

            assertThat(flood.answers()).hasSize(SIGN_INS);
            assertThat(flood.byStatus().keySet()).as("statuses %s", flood.byStatus()).isSubsetOf(Set.of(401, 429));
            assertThat(flood.answers()).filteredOn(a -> a.status() == 429)
                    .allSatisfy(a -> assertThat(a.retryAfter()).as("Retry-After of %s", a.kind()).isPresent());
            assertThat(flood.answers()).filteredOn(a -> a.kind() == SignInFlood.Kind.FORM_UNKNOWN && a.status() == 401)
                    .allSatisfy(a -> assertThat(a.body()).contains("id=\"login-error\""));
            assertThat(app.console()).doesNotContain("OutOfMemoryError").doesNotContain("Unhandled error");

            assertThat(controlApi.get("/ledger").statusCode()).as("simulator control API").isEqualTo(200);
            String imei = imei();
            assertThat(operator.uploadAndSubmit("after-flood.csv",
                    "IMEI,Kind,Company,Password,Name\n" + imei + ",calamp,42,devpw-after-flood,After the flood\n", 1))
                    .isEqualTo(1);
            awaitCreated(controlApi, imei);
            assertThat(get(web.resolve("/health/ready")).statusCode()).isEqualTo(200);
            assertThat(TestClient.at(web).login("admin", ADMIN_PASSWORD).statusCode()).as("the right password")
                    .isEqualTo(303);
            assertThat(app.console()).doesNotContain("OutOfMemoryError");
            System.out.printf("Sign-in flood: %s, p50 %.0f ms, p95 %.0f ms%n", flood.byStatus(),
                    flood.percentileMillis(50), flood.percentileMillis(95));
        }
    }

    private static String imei() {
        String body = "35693806" + "424242";
        return body + Ids.luhnCheckDigit(body);
    }

    /** Waits for the simulator's ledger to show the device created: the pipeline and its session work. */
    private static void awaitCreated(ControlClient controlApi, String imei) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode ledger = null;
        while (System.nanoTime() < deadline) {
            ledger = JSON.readTree(controlApi.get("/ledger").body());
            for (JsonNode entry : ledger) {
                if (entry.get("providerId").asText().equals(imei) && entry.get("outcome").asText().startsWith("CREATED")) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("The device submitted after the flood never reached the simulator: " + ledger);
    }

    private static void awaitConnected(ApiOperator admin) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode health = null;
        while (System.nanoTime() < deadline) {
            health = admin.get("/health");
            if (health.at("/fleetFreedom/state").asText().equals("CONNECTED")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("Fleet Freedom never connected: " + health);
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
