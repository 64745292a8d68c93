package com.fleetprovisioner.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fleetprovisioner.app.testing.ApiOperator;
import com.fleetprovisioner.worker.testing.JarProcess;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.Journey;
import com.fleetprovisioner.web.testing.TestClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The largest batches the limits allow, on the run users start: the app jar as its own JVM on H2 with a
 * 256 MB heap (the 2,000 devices ran 512 MB out of memory). 20,000 devices — a fifth of the
 * 100,000-row limit, to fit CI time; the submit benchmark runs the full 100,000 — submitted through the
 * REST API, then another 20,000 through the browser form. The pipeline runs, paced to one command a
 * second, so that the machine's time goes to the submits and every device is still queued at the end.
 */
class LargeSubmitIT {
    private static final Path JAR = Path.of("target", "fleet-provisioner.jar").toAbsolutePath();
    private static final int DEVICES = 20_000;
    private static final String ADMIN_PASSWORD = "large-submit-admin-password";
    private static final Pattern SUBMIT_AUDITED = Pattern.compile("batch\\.submit\\b.*?queued=" + DEVICES, Pattern.DOTALL);

    @Test
    void twentyThousandDevicesAreSubmittedThroughTheApiAndTheBrowserInA256MegabyteHeap(@TempDir Path dir) {
        assertTimeoutPreemptively(Duration.ofMinutes(6), () -> submitBoth(dir), "a hang, not a speed check");
    }

    private void submitBoth(Path dir) throws Exception {
        int port = JarProcess.freePort();
        Map<String, String> environment = Map.of("FP_HTTP_PORT", Integer.toString(port), "FP_HTTP_HOST", "127.0.0.1",
                "FP_ADMIN_PASSWORD", ADMIN_PASSWORD, "FP_SEND_RATE", "1", "FP_WORKERS", "1");
        JarProcess.Launch launch = JarProcess.Launch.of(JAR, dir, environment).withJvmOptions("-Xmx256m")
                .withLog(Path.of("target", "large-submit", "app.log"));
        try (JarProcess app = JarProcess.start(launch)) {
            app.awaitLine(line -> line.contains("is running at"), Duration.ofSeconds(120));
            URI web = URI.create("http://127.0.0.1:" + port);

            ApiOperator operator = ApiOperator.created(web, ADMIN_PASSWORD, "bulk", "bulk-operator-password");
            long apiBatch = operator.upload("api-devices.csv", csv(0), DEVICES);
            JsonNode submitted = operator.submit(apiBatch);
            assertThat(submitted.get("devicesQueued").asInt()).isEqualTo(DEVICES);
            assertThat(submitted.get("repeated").asBoolean()).isFalse();
            assertEveryDeviceInThePipeline(operator, apiBatch);

            Path file = Files.writeString(dir.resolve("form-devices.csv"), csv(DEVICES));
            long formBatch;
            try (Journey admin = Journey.open(web.toString(), Files.createDirectory(dir.resolve("downloads")),
                    Duration.ofMinutes(3))) {
                admin.signInAt("/batches/new", "admin", ADMIN_PASSWORD);
                admin.upload(file);
                assertThat(admin.text(By.cssSelector("[data-testid=total-valid]"))).isEqualTo(Integer.toString(DEVICES));
                formBatch = admin.submitBatch();
                assertThat(admin.text(By.cssSelector(".flash")))
                        .isEqualTo("Submitted: 20,000 device(s) queued for provisioning."); // grouped in the page's language
                assertThat(admin.text(By.id("batch-total"))).isEqualTo("20,000");
                admin.screenshot("large-submit-batch");
            }
            assertEveryDeviceInThePipeline(operator, formBatch);

            String audit = TestClient.at(web).withTimeout(Duration.ofMinutes(1)).signedIn("admin", ADMIN_PASSWORD)
                    .get("/admin/audit?action=batch.submit").body();
            assertThat(SUBMIT_AUDITED.matcher(audit).results().count()).as("both submits audited").isEqualTo(2);
            HttpResponse<String> ready = TestClient.at(web).get("/health/ready");
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
            assertThat(app.alive()).isTrue();
            assertThat(app.console()).doesNotContain("OutOfMemoryError").doesNotContain("Unhandled error");
        }
    }

    /** Every device of the batch is in the pipeline (queued, or already picked up), none missing. */
    private static void assertEveryDeviceInThePipeline(ApiOperator operator, long batchId) throws Exception {
        JsonNode batch = operator.get("/api/v1/batches/" + batchId);
        assertThat(batch.get("state").asText()).isEqualTo("submitted");
        assertThat(batch.get("total").asLong()).isEqualTo(DEVICES);
        long counted = 0;
        for (JsonNode count : batch.get("counts")) {
            counted += count.asLong();
        }
        assertThat(counted).isEqualTo(DEVICES);
        assertThat(batch.at("/counts/failed").asLong()).isZero();
        assertThat(batch.at("/counts/queued").asLong()).as("paced: almost all still waiting").isGreaterThan(DEVICES - 1_000);
    }

    /** {@value #DEVICES} valid rows with distinct IMEIs from {@code first}, in the template's layout. */
    private static String csv(int first) {
        StringBuilder csv = new StringBuilder("IMEI,Kind,Company,Name\n");
        for (int i = first; i < first + DEVICES; i++) {
            csv.append(IntakeFiles.imei(i)).append(i % 2 == 0 ? ",genx,42,Truck " : ",teltonika,43,Van ").append(i).append('\n');
        }
        return csv.toString();
    }
}
