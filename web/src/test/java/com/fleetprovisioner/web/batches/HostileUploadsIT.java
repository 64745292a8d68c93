package com.fleetprovisioner.web.batches;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.BATCH_ROW;
import static com.fleetprovisioner.web.testing.IntakeFiles.textCell;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Files built to cost time or memory, posted through the upload page and the API on H2 and PostgreSQL:
 * each is answered 422 with a message naming its row and column, stores nothing (no half-written draft),
 * and leaves the server answering — a valid file right after goes through. The absurd number is a row
 * error, not a refused file. Timeouts only catch a hang; speed is benchmarked.
 */
class HostileUploadsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration HANG = Duration.ofSeconds(60);
    private static final int MAX_ROWS = 1000;

    record Hostile(String name, byte[] content, String message) {
    }

    static List<Hostile> refused() {
        StringBuilder manyRows = new StringBuilder("IMEI,Kind,Company\n");
        for (int i = 0; i < 200_000; i++) {
            manyRows.append("35693803564380").append(i % 10).append(",genx,42\n");
        }
        return List.of(
                new Hostile("cells.csv", IntakeFiles.repeated("IMEI,Kind,Company\n", "a,", 5 * 1024 * 1024),
                        "Row 2, column IW (257): the file has a value beyond column IV"),
                new Hostile("one-cell.csv", IntakeFiles.repeated("IMEI,Kind,Company\n", "x", 10 * 1024 * 1024),
                        "Row 2, column A (1): the cell holds more than 32,767 characters"),
                new Hostile("separators.csv", IntakeFiles.repeated("", ";", 10 * 1024 * 1024),
                        "Row 1: the line is longer than 262,144 characters (reading stopped in column 262,145)"),
                new Hostile("rows.csv", IntakeFiles.csv(manyRows.toString()),
                        "The file has more than " + MAX_ROWS + " rows (FP_INTAKE_MAX_ROWS)"),
                new Hostile("long.xlsx", IntakeFiles.xlsxWithSheetData("<row r=\"1\">" + textCell("A1", "IMEI")
                        + "</row><row r=\"2\">" + textCell("B2", "n".repeat(40_000)) + "</row>"),
                        "Row 2, column B (2): the cell holds more than 32,767 characters"),
                new Hostile("wide.xlsx", IntakeFiles.xlsxWithSheetData("<row r=\"1\">" + textCell("A1", "IMEI")
                        + textCell("IW1", "Kind") + "</row>"),
                        "Row 1, column IW (257): the file has a value beyond column IV"));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void hostileFilesAreRefusedWithTheirRowAndColumnAndLeaveNothingBehind(DatabaseKind kind) {
        try (WebTestServer server = WebTestServer.start(kind, Map.of("FP_INTAKE_MAX_ROWS", String.valueOf(MAX_ROWS)))) {
            String token = server.services().tokens().issue(Actor.system(), server.user(Role.OPERATOR), "api").rawToken();
            TestClient api = server.client();
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            assertThat(upload(api, token, 1).statusCode()).isEqualTo(201); // also fetches the company list once
            int batches = DatabaseFixture.dsl(server.database()).fetchCount(BATCH);
            int rows = DatabaseFixture.dsl(server.database()).fetchCount(BATCH_ROW);
            for (Hostile file : refused()) {
                HttpResponse<String> page = assertTimeoutPreemptively(HANG, () -> operator.postFile("/batches/new",
                        Optional.empty(), Map.of("defaultCompany", "42", "defaultKind", "genx"), file.name(), file.content()));
                assertThat(page.statusCode()).as(file.name()).isEqualTo(422);
                assertThat(page.body()).as(file.name()).contains("id=\"upload-error\"").contains(file.name() + ": " + file.message());

                HttpResponse<String> answer = assertTimeoutPreemptively(HANG, () -> api.postFile("/api/v1/batches",
                        Optional.of(token), Map.of("defaultCompany", "42", "defaultKind", "genx"), file.name(), file.content()));
                assertThat(answer.statusCode()).as(file.name()).isEqualTo(422);
                assertThat(field(answer, "file")).as(file.name()).startsWith(file.name() + ": " + file.message());
            }
            assertThat(DatabaseFixture.dsl(server.database()).fetchCount(BATCH)).as("no draft, not even a half-written one").isEqualTo(batches);
            assertThat(DatabaseFixture.dsl(server.database()).fetchCount(BATCH_ROW)).isEqualTo(rows);

            assertThat(api.get("/health/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> valid = upload(api, token, 2);
            assertThat(valid.statusCode()).as(valid.body()).isEqualTo(201);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anAbsurdNumberIsAnErrorOnItsRowAndTheRestOfTheFileIsTaken(DatabaseKind kind) throws Exception {
        String header = "<row r=\"1\">" + textCell("A1", "IMEI") + textCell("B1", "Kind") + textCell("C1", "Company") + "</row>";
        String absurd = "<row r=\"2\"><c r=\"A2\"><v>1E10000000</v></c>" + textCell("B2", "genx")
                + "<c r=\"C2\"><v>1E10000000</v></c><c r=\"D2\"><v>1E10000000</v></c><c r=\"E2\"><v>1E10000000</v></c></row>";
        String valid = "<row r=\"3\"><c r=\"A3\"><v>" + IntakeFiles.imei(2) + "</v></c>" + textCell("B3", "genx")
                + "<c r=\"C3\"><v>42</v></c></row>";
        byte[] file = IntakeFiles.xlsxWithSheetData(header + absurd + valid);
        try (WebTestServer server = WebTestServer.start(kind)) {
            String token = server.services().tokens().issue(Actor.system(), server.user(Role.OPERATOR), "api").rawToken();
            HttpResponse<String> answer = assertTimeoutPreemptively(HANG, () -> server.client().postFile("/api/v1/batches",
                    Optional.of(token), Map.of(), "absurd.xlsx", file));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
            JsonNode batch = JSON.readTree(answer.body());
            assertThat(batch.get("totals").get("valid").asInt()).isEqualTo(1);
            assertThat(batch.get("totals").get("errors").asInt()).isEqualTo(1);
            assertThat(batch.get("problems").get(0).get("row").asInt()).isEqualTo(2);
            assertThat(batch.get("problems").get(0).get("messages").get(0).get("text").asText())
                    .startsWith("The cell holds the number 1E10000000, which no spreadsheet can store");

            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            HttpResponse<String> page = assertTimeoutPreemptively(HANG, () -> operator.postFile("/batches/new",
                    Optional.empty(), Map.of(), "absurd.xlsx", file));
            assertThat(page.statusCode()).isEqualTo(303);
            assertThat(operator.get(page.headers().firstValue("Location").orElseThrow()).body())
                    .contains("The cell holds the number 1E10000000");
            assertThat(server.client().get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {5000, 300})
    void anOverlongFileNameIsRefusedForItsNameNotItsSize(int nameLength) {
        String name = "n".repeat(nameLength - 4) + ".csv";
        byte[] file = IntakeFiles.csv("IMEI,Kind,Company\n" + IntakeFiles.imei(3) + ",genx,42\n");
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2)) {
            String token = server.services().tokens().issue(Actor.system(), server.user(Role.OPERATOR), "api").rawToken();
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            HttpResponse<String> page = assertTimeoutPreemptively(HANG, () -> operator.postFile("/batches/new",
                    Optional.empty(), Map.of("defaultCompany", "42"), name, file));
            assertThat(page.statusCode()).isEqualTo(422);
            assertThat(page.body()).contains("file name").contains("too long (at most 255 characters)")
                    .doesNotContain("larger than");

            HttpResponse<String> answer = assertTimeoutPreemptively(HANG, () -> server.client().postFile("/api/v1/batches",
                    Optional.of(token), Map.of("defaultCompany", "42"), name, file));
            assertThat(answer.statusCode()).isEqualTo(422);
            assertThat(field(answer, "file")).contains("its file name is too long").doesNotContain("larger than");
            assertThat(upload(server.client(), token, 4).statusCode()).as("the next upload is taken").isEqualTo(201);
        }
    }

    private static HttpResponse<String> upload(TestClient api, String token, int device) {
        return api.postFile("/api/v1/batches", Optional.of(token), Map.of("defaultCompany", "42"), "valid.csv",
                IntakeFiles.csv("IMEI,Kind\n" + IntakeFiles.imei(device) + ",genx\n"));
    }

    private static String field(HttpResponse<String> answer, String name) {
        try {
            return JSON.readTree(answer.body()).get("fields").get(name).asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
