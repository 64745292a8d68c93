package com.fleetprovisioner.web.batches;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.device.DeviceCounters;
import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.RowFilter;
import com.fleetprovisioner.core.intake.RowStatus;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.auth.User;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Upload → preview → problems → submit through the real pages and API, on H2 and PostgreSQL. */
class IntakeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROVISIONED = "490154203237518";

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anXlsxWithEveryKindOfRowIsPreviewedDownloadedAndSubmittedOnce(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            provisioned(server, PROVISIONED, Instant.parse("2026-11-20T14:03:00Z"));
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            byte[] file = IntakeFiles.xlsx(List.of(
                    List.of("IMEI", "Kind", "Company", "Phone", "Password", "Notes"),
                    List.of(356938035643809L, "genx", 42, "", "s3cret-pw", "first"),
                    List.of("356938035643808", "GenX", 42, "+44 7700 900123", "", ""),
                    List.of("12345", "genx", 42, "", "", ""),
                    List.of("356938035643809", "genx", 43, "", "", "again"),
                    List.of(PROVISIONED, "calamp", 42, "", "", ""),
                    List.of(IntakeFiles.imei(1), "foo", 42, "", "", ""),
                    List.of(IntakeFiles.imei(2), "genx", 99, "", "", "")));
            HttpResponse<String> upload = operator.postFile("/batches/new", Optional.empty(), Map.of(), "devices.xlsx", file);
            assertThat(upload.statusCode()).isEqualTo(303);
            String preview = upload.headers().firstValue("Location").orElseThrow();
            long batchId = Long.parseLong(preview.replaceAll("\\D+", " ").trim().split(" ")[0]);

            Batch batch = server.services().intake().batch(batchId);
            assertThat(batch.counts()).isEqualTo(new Batch.Counts(7, 1, 1, 3, 1, 1));
            assertThat(batch.noticeTexts()).containsExactly(Text.of("intake.notice.unknown", "Notes"));
            String page = operator.get(preview).body();
            assertThat(page).contains("data-testid=\"total-errors\">3<", "data-testid=\"total-existing\">1<")
                    .contains("The id has 5 characters; Fleet Freedom needs 10 to 50.")
                    .contains("Same id as row 2; only row 2 is kept.")
                    .contains("Already provisioned: billing started Nov 20, 2026, 2:03 PM UTC")
                    .contains("Company 99 is not one of your companies in Fleet Freedom (yours: 42, 43).")
                    .doesNotContain("s3cret-pw");
            String problemsOnly = operator.get(preview + "?problems=true").body();
            assertThat(problemsOnly).doesNotContain("data-row=\"2\"").contains("data-row=\"3\"", "data-row=\"5\"", "data-row=\"8\"");
            String errorsOnly = operator.get(preview + "?errors=true").body();
            assertThat(java.util.regex.Pattern.compile("data-row=\"(\\d+)\"").matcher(errorsOnly).results().map(m -> m.group(1)))
                    .containsExactly("4", "7", "8");

            String csv = new String(operator.download("/batches/" + batchId + "/problems.csv").body(), StandardCharsets.UTF_8);
            assertThat(csv.lines().toList()).startsWith("\uFEFFIMEI,Kind,Company,Phone,Password,Notes,Problems",
                    "356938035643808,GenX,42,'+44 7700 900123,,,IMEI: This 15-digit IMEI's check digit is wrong "
                            + "(expected 9 at the end): check for a typing error.",
                    "12345,genx,42,,,,IMEI: The id has 5 characters; Fleet Freedom needs 10 to 50.");
            assertThat(csv).doesNotContain("s3cret-pw");
            try (XSSFWorkbook xlsx = new XSSFWorkbook(new ByteArrayInputStream(
                    operator.download("/batches/" + batchId + "/problems.xlsx").body()))) {
                var sheet = xlsx.getSheetAt(0);
                assertThat(sheet.getLastRowNum()).isEqualTo(6);
                assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo("12345");
                assertThat(sheet.getRow(2).getCell(6).getStringCellValue()).isEqualTo("IMEI: The id has 5 characters; Fleet Freedom needs 10 to 50.");
            }

            HttpResponse<String> unacknowledged = operator.postFormWithCsrf("/batches/" + batchId + "/submit", Map.of());
            assertThat(unacknowledged.statusCode()).isEqualTo(422);
            assertThat(unacknowledged.body()).contains("1 row(s) have warnings. Confirm that you checked them, then submit again.");
            assertThat(queued(server)).isEmpty();

            int enqueuedBefore = server.enqueued().size(); // the provisioned device's own
            Map<String, String> ack = Map.of("acknowledgeWarnings", "true");
            assertThat(operator.postFormWithCsrf("/batches/" + batchId + "/submit", ack).statusCode()).isEqualTo(303);
            assertThat(operator.postFormWithCsrf("/batches/" + batchId + "/submit", ack).statusCode()).isEqualTo(303);
            assertThat(operator.get(preview).body()).contains("was already submitted; 2 device(s) are queued. Nothing was queued twice.");

            assertThat(queued(server)).containsExactlyInAnyOrder("356938035643809", "356938035643808");
            assertThat(server.services().intake().batch(batchId).state()).isEqualTo(Batch.State.SUBMITTED);
            assertThat(server.services().intake().batch(batchId).devicesQueued()).isEqualTo(2);
            assertThat(server.services().intake().page(batchId, RowFilter.ALL, 1, 50)).extracting(r -> r.status())
                    .containsExactly(RowStatus.QUEUED, RowStatus.QUEUED, RowStatus.ERROR, RowStatus.DUPLICATE,
                            RowStatus.EXISTING, RowStatus.ERROR, RowStatus.ERROR);
            assertThat(server.enqueued()).hasSize(enqueuedBefore + 2);
            String sealed = DatabaseFixture.dsl(server.database()).select(DEVICE.PASSWORD_SECRET).from(DEVICE)
                    .where(DEVICE.PROVIDER_ID.eq("356938035643809")).fetchOne().value1();
            assertThat(server.services().secrets().open(sealed)).isEqualTo("s3cret-pw");
            List<AuditEntry> audit = server.services().audit().recent(20);
            assertThat(audit).filteredOn(e -> e.action().equals("batch.upload")).singleElement()
                    .satisfies(e -> assertThat(e.details()).contains("file=devices.xlsx", "sha256=" + sha256(file),
                            "rows=7 valid=1 warnings=1 errors=3 duplicates=1 alreadyKnown=1"));
            assertThat(audit).filteredOn(e -> e.action().equals("batch.submit") && e.target().equals("batch " + batchId)).singleElement()
                    .satisfies(e -> assertThat(e.details()).contains("queued=2", "sha256=" + sha256(file)));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theApiUploadsPagesSubmitsAndAddsSingleDevices(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            String token = server.services().tokens().issue(Actor.system(), server.user(Role.OPERATOR), "api").rawToken();
            TestClient client = server.client();
            String text = "Serial;Type\n" + IntakeFiles.imei(10) + ";teltonika\n" + IntakeFiles.imei(11) + ";nope\n";
            HttpResponse<String> upload = client.postFile("/api/v1/batches", Optional.of(token),
                    Map.of("defaultCompany", "43"), "devices.csv", IntakeFiles.csv(text));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
            JsonNode batch = JSON.readTree(upload.body());
            long id = batch.get("batchId").asLong();
            assertThat(batch.get("totals").toString()).isEqualTo(
                    "{\"rows\":2,\"valid\":1,\"warnings\":0,\"errors\":1,\"duplicates\":0,\"alreadyKnown\":0}");
            assertThat(batch.get("problems").get(0).get("messages").get(0).get("text").asText()).startsWith("\"nope\" is not a kind");

            JsonNode rows = JSON.readTree(client.send("GET", "/api/v1/batches/" + id + "/rows?problems=true",
                    Optional.of(token), Optional.empty()).body());
            assertThat(rows.get("rows")).hasSize(1);
            assertThat(rows.get("rows").get(0).get("row").asInt()).isEqualTo(3);

            HttpResponse<String> submit = client.send("POST", "/api/v1/batches/" + id + "/submit", Optional.of(token), Optional.of("{}"));
            assertThat(JSON.readTree(submit.body()).get("devicesQueued").asInt()).isEqualTo(1);
            HttpResponse<String> again = client.send("POST", "/api/v1/batches/" + id + "/submit", Optional.of(token), Optional.of("{}"));
            assertThat(JSON.readTree(again.body()).get("repeated").asBoolean()).isTrue();

            HttpResponse<String> bad = client.send("POST", "/api/v1/devices", Optional.of(token),
                    Optional.of("{\"id\":\"12 34\",\"kind\":\"genx\",\"company\":42,\"phone\":\"abc\"}"));
            assertThat(bad.statusCode()).isEqualTo(422);
            assertThat(JSON.convertValue(JSON.readTree(bad.body()).get("fields"), Map.class)).isEqualTo(Map.of(
                    "id", "The id contains a space; Fleet Freedom ids may hold letters A-Z, digits 0-9 and - _ . : only.",
                    "phone", "The phone number \"abc\" must be digits only (at most 15; spaces, dashes, dots, brackets and + are removed)."));
            HttpResponse<String> good = client.send("POST", "/api/v1/devices", Optional.of(token),
                    Optional.of("{\"id\":\"" + IntakeFiles.imei(12) + "\",\"kind\":\"Bewhere\",\"company\":42,\"password\":\"pw\"}"));
            assertThat(good.statusCode()).as(good.body()).isEqualTo(201);
            HttpResponse<String> twice = client.send("POST", "/api/v1/devices", Optional.of(token),
                    Optional.of("{\"id\":\"" + IntakeFiles.imei(12) + "\",\"kind\":\"genx\",\"company\":42}"));
            assertThat(twice.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(twice.body()).get("fields").get("id").asText()).startsWith("Already queued (state \"Queued\", batch ");
            assertThat(queued(server)).containsExactlyInAnyOrder(IntakeFiles.imei(10), IntakeFiles.imei(12));
        }
    }

    static List<String> queued(WebTestServer server) {
        return DatabaseFixture.dsl(server.database()).select(DEVICE.PROVIDER_ID).from(DEVICE)
                .where(DEVICE.STATE.eq(DeviceState.QUEUED.id())).fetch(r -> r.value1());
    }

    /** A device that went through the pipeline before this test: added, then marked provisioned as the pipeline would. */
    static void provisioned(WebTestServer server, String providerId, Instant billingStarted) {
        User operator = server.user(Role.OPERATOR);
        server.services().submissions().addSingle(Actor.user(operator.id(), operator.username(), "127.0.0.1"),
                Map.of(DeviceField.ID, providerId, DeviceField.KIND, "genx", DeviceField.COMPANY, "42"), true,
                Batch.Source.SINGLE);
        DatabaseFixture.dsl(server.database()).update(DEVICE).set(DEVICE.STATE, DeviceState.PROVISIONED.id())
                .set(DEVICE.BILLING_STARTED_AT, billingStarted).where(DEVICE.PROVIDER_ID.eq(providerId)).execute();
        new DeviceCounters(DatabaseFixture.dsl(server.database())).recount();
    }

    private static String sha256(byte[] bytes) {
        return com.fleetprovisioner.common.Secrets.sha256Hex(bytes);
    }
}
