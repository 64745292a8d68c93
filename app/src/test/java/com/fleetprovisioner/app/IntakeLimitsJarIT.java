package com.fleetprovisioner.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.app.testing.ApiOperator;
import com.fleetprovisioner.worker.testing.JarProcess;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload limits the product advertises, at the limit, on the default install: the shipped app jar as
 * its own JVM on H2 with a 256 MB heap. A file of exactly FP_INTAKE_MAX_ROWS device rows and exactly
 * FP_INTAKE_MAX_BYTES is taken; one row or one byte more is refused with a message; the 10 MB line and the
 * absurd number are answered as designed. No OutOfMemoryError, and the process is ready afterwards. The
 * timeouts only catch a hang (the 100,000 rows take seconds; the figures are in the README's benchmarks).
 */
class IntakeLimitsJarIT {
    private static final Path JAR = Path.of("target", "fleet-provisioner.jar").toAbsolutePath();
    private static final String ADMIN_PASSWORD = "intake-limits-admin-password";
    private static final int MAX_ROWS = AppConfig.DEFAULT_INTAKE_MAX_ROWS;
    private static final int MAX_BYTES = AppConfig.DEFAULT_INTAKE_MAX_BYTES;
    private static final Duration HANG = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theAdvertisedLimitsHoldAt256MegabytesOfHeap(@TempDir Path directory) throws Exception {
        int port = JarProcess.freePort();
        JarProcess.Launch launch = JarProcess.Launch.of(JAR, directory, Map.of("FP_HTTP_PORT", Integer.toString(port),
                "FP_ADMIN_PASSWORD", ADMIN_PASSWORD)).withJvmOptions("-Xmx256m");
        try (JarProcess app = JarProcess.start(launch)) {
            app.awaitLine(line -> line.contains("is running at"), Duration.ofSeconds(120));
            URI web = URI.create("http://127.0.0.1:" + port + "/");
            ApiOperator operator = ApiOperator.created(web, ADMIN_PASSWORD, "limits-operator", "limits-operator-password");
            Map<String, String> defaults = Map.of("defaultCompany", "42", "defaultKind", "genx");

            byte[] atLimit = atTheLimit();
            assertThat(atLimit).hasSize(MAX_BYTES);
            HttpResponse<String> taken = assertTimeoutPreemptively(HANG, () -> operator.upload("limit.csv", atLimit, Map.of()));
            assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
            JsonNode totals = JSON.readTree(taken.body()).get("totals");
            assertThat(totals.get("rows").asInt()).isEqualTo(MAX_ROWS);
            assertThat(totals.get("valid").asInt()).isEqualTo(MAX_ROWS);

            // the same file read through a column mapping (the API's mapping part): the same reader, the same bounds
            HttpResponse<String> mapped = assertTimeoutPreemptively(HANG, () -> operator.upload("mapped.csv", atLimit,
                    Map.of("mapping", "{\"1\":\"id\",\"2\":\"kind\",\"3\":\"company\",\"4\":\"ignore\"}")));
            assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(201);
            assertThat(JSON.readTree(mapped.body()).get("totals").get("valid").asInt()).isEqualTo(MAX_ROWS);

            byte[] oneByteMore = java.util.Arrays.copyOf(atLimit, MAX_BYTES + 1);
            oneByteMore[MAX_BYTES] = '\n';
            assertRefused(operator.upload("byte.csv", oneByteMore, Map.of()), "byte.csv: The file is 20,971,521 bytes; the limit is 20,971,520 bytes (20 MB)");
            StringBuilder rows = new StringBuilder("IMEI,Kind,Company\n");
            for (int i = 0; i <= MAX_ROWS; i++) {
                rows.append(IntakeFiles.imei(i)).append(",genx,42\n");
            }
            assertRefused(assertTimeoutPreemptively(HANG, () -> operator.upload("rows.csv",
                    rows.toString().getBytes(StandardCharsets.UTF_8), Map.of())),
                    "rows.csv: The file has more than 100000 rows (FP_INTAKE_MAX_ROWS)");

            assertRefused(assertTimeoutPreemptively(HANG, () -> operator.upload("line.csv",
                    IntakeFiles.repeated("IMEI,Kind,Company\n", "a,", 5 * 1024 * 1024), defaults)),
                    "line.csv: Row 2, column IW (257): the file has a value beyond column IV");
            HttpResponse<String> absurd = assertTimeoutPreemptively(HANG, () -> operator.upload("absurd.xlsx",
                    absurdWorkbook(), defaults));
            assertThat(absurd.statusCode()).as(absurd.body()).isEqualTo(201);
            assertThat(absurd.body()).contains("The cell holds the number 1E10000000, which no spreadsheet can store");

            assertThat(TestClient.at(web).get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(app.alive()).isTrue();
            assertThat(app.console()).doesNotContain("OutOfMemoryError");
        }
    }

    private static void assertRefused(HttpResponse<String> answer, String message) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(422);
        assertThat(JSON.readTree(answer.body()).get("fields").get("file").asText()).startsWith(message);
    }

    /**
     * MAX_ROWS valid device rows in exactly MAX_BYTES bytes: an unused Notes column pads each row (by one
     * more character on the first rows) so that the file is as large as the limit allows.
     */
    private static byte[] atTheLimit() {
        String header = "IMEI,Kind,Company,Notes\n";
        int rowBase = 15 + ",genx,42,".length() + 1;
        int room = MAX_BYTES - header.length() - MAX_ROWS * rowBase;
        int notes = room / MAX_ROWS;
        int longer = room % MAX_ROWS;
        StringBuilder csv = new StringBuilder(MAX_BYTES).append(header);
        String pad = "n".repeat(notes + 1);
        for (int i = 0; i < MAX_ROWS; i++) {
            csv.append(IntakeFiles.imei(i)).append(",genx,42,").append(pad, 0, i < longer ? notes + 1 : notes).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] absurdWorkbook() {
        String header = "<row r=\"1\">" + IntakeFiles.textCell("A1", "IMEI") + IntakeFiles.textCell("B1", "Kind") + "</row>";
        StringBuilder rows = new StringBuilder(header);
        for (int r = 2; r <= 5; r++) {
            rows.append("<row r=\"").append(r).append("\"><c r=\"A").append(r).append("\"><v>1E10000000</v></c>")
                    .append(IntakeFiles.textCell("B" + r, "genx")).append("</row>");
        }
        return IntakeFiles.xlsxWithSheetData(rows.toString());
    }
}
