package com.fleetprovisioner.web.batches;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The intake pages' other paths: the single-device form, refused files, templates, discard, limits, roles. */
class IntakePagesIT {
    private static WebTestServer server;
    private static WebTestServer limited;

    @BeforeAll
    static void start() {
        server = WebTestServer.start(DatabaseKind.H2);
        limited = WebTestServer.start(DatabaseKind.H2, Map.of("FP_INTAKE_MAX_ROWS", "3", "FP_INTAKE_MAX_BYTES", "2048"));
    }

    @AfterAll
    static void stop() {
        server.close();
        limited.close();
    }

    @Test
    void theSingleDeviceFormShowsEachMessageBesideItsFieldAndAsksToConfirmWarnings() {
        TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
        assertThat(operator.get("/devices/new").statusCode()).isEqualTo(200);
        HttpResponse<String> bad = operator.postFormWithCsrf("/devices/new", Map.of("id", "12345", "kind", "genx",
                "company", "7", "phone", "12a", "password", "hunter2-secret"));
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body())
                .contains("id=\"id-error\">The id has 5 characters; Fleet Freedom needs 10 to 50.<")
                .contains("id=\"company-error\">Company 7 is not one of your companies in Fleet Freedom (yours: 42, 43).<")
                .contains("id=\"phone-error\">The phone number &quot;12a&quot; must be digits only")
                .contains("value=\"12345\"").doesNotContain("hunter2-secret");

        Map<String, String> shortId = Map.of("id", "AB-123456789", "kind", "GenX", "company", "43");
        HttpResponse<String> warned = operator.postFormWithCsrf("/devices/new", shortId);
        assertThat(warned.statusCode()).isEqualTo(422);
        assertThat(warned.body()).contains("id=\"id-error\">The id has 12 characters; Fleet Freedom&#39;s documentation expects at least 14.<")
                .contains("id=\"acknowledgeWarnings\"");
        assertThat(IntakeIT.queued(server)).doesNotContain("AB-123456789");

        Map<String, String> confirmed = new java.util.HashMap<>(shortId);
        confirmed.put("acknowledgeWarnings", "true");
        HttpResponse<String> added = operator.postFormWithCsrf("/devices/new", confirmed);
        assertThat(added.statusCode()).isEqualTo(303);
        assertThat(operator.get("/devices/new").body()).contains("Device AB-123456789 queued for provisioning");
        assertThat(IntakeIT.queued(server)).contains("AB-123456789");
    }

    @Test
    void refusedFilesSayWhatIsWrongWithTheFileName() {
        TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
        assertThat(refusal(operator, "old.xls", ole2)).isEqualTo("old.xls: Legacy Excel 97-2003 files (.xls) are not read. "
                + "Save it as &quot;Excel Workbook (.xlsx)&quot; or CSV UTF-8 and upload that.");
        assertThat(refusal(operator, "nokind.csv", IntakeFiles.csv("IMEI,Company\n" + IntakeFiles.imei(1) + ",42\n")))
                .isEqualTo("nokind.csv: Row 1 (the header) has no kind column (Kind, Type or Model family) and no default "
                        + "kind was chosen for the upload.");
        // a header that is not recognised is not a refusal any more: the file goes to the column mapping step
        HttpResponse<String> noHeader = operator.postFile("/batches/new", Optional.empty(), Map.of(), "noheader.csv",
                IntakeFiles.csv("a,b\n1,2\n"));
        assertThat(noHeader.statusCode()).isEqualTo(303);
        assertThat(operator.get(noHeader.headers().firstValue("Location").orElseThrow()).body())
                .contains("noheader.csv: No header row found in the first 20 rows: one row must name the id column "
                        + "(IMEI, ESN, Serial, Reporting ID or Device ID).", "id=\"columns-form\"");
        assertThat(refusal(operator, "empty.csv", new byte[0])).isEqualTo("empty.csv: The file is empty.");
        assertThat(server.services().audit().recent(50)).filteredOn(e -> e.action().equals("batch.upload.refused")
                && e.target().equals("file empty.csv")).singleElement().satisfies(e -> assertThat(e.details()).isEqualTo(
                "sha256=e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 bytes=0 reason=The file is empty."));
    }

    @Test
    void limitsComeFromConfigurationAndAreNamed() {
        TestClient operator = limited.client().signedIn("operator", WebTestServer.PASSWORD);
        StringBuilder rows = new StringBuilder("IMEI,Kind,Company\n");
        for (int i = 0; i < 4; i++) {
            rows.append(IntakeFiles.imei(i)).append(",genx,42\n");
        }
        assertThat(refusal(operator, "four.csv", IntakeFiles.csv(rows.toString())))
                .isEqualTo("four.csv: The file has more than 3 rows (FP_INTAKE_MAX_ROWS). Split it into smaller files.");
        byte[] big = new byte[3000];
        java.util.Arrays.fill(big, (byte) 'x');
        assertThat(refusal(operator, "big.csv", big)).isEqualTo("big.csv: The file is 3,000 bytes; the limit is 2,048 bytes (FP_INTAKE_MAX_BYTES). Split it into smaller files.");
    }

    @Test
    void templatesDownloadAndAnEmptyTemplateIsRefusedPolitely() throws Exception {
        TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
        HttpResponse<byte[]> csv = viewer.download("/templates/devices.csv");
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"devices-template.csv\"");
        assertThat(new String(csv.body(), StandardCharsets.UTF_8)).isEqualTo("\uFEFFIMEI,Kind,Company,Phone,Password,Config,Name\r\n");
        HttpResponse<byte[]> xlsx = viewer.download("/templates/devices.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("IMEI");
            assertThat(sheet.getColumnStyle(0).getDataFormatString()).isEqualTo("@");
        }
        TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
        assertThat(refusal(operator, "devices-template.xlsx", xlsx.body()))
                .isEqualTo("devices-template.xlsx: Row 1 is a header, but no device rows follow it.");
    }

    @Test
    void aDraftCanBeDiscardedOnceAndViewersOnlyLook() {
        TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
        HttpResponse<String> upload = operator.postFile("/batches/new", Optional.empty(), Map.of("defaultCompany", "42",
                "defaultKind", "lbs"), "d.csv", IntakeFiles.csv("ESN\n" + IntakeFiles.imei(500) + "\n"));
        String preview = upload.headers().firstValue("Location").orElseThrow();
        long id = Long.parseLong(preview.split("/")[2]);

        TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
        String asViewer = viewer.get(preview).body();
        assertThat(asViewer).contains("data-testid=\"total-valid\">1<").doesNotContain("id=\"submit-batch\"");

        HttpResponse<String> unconfirmed = operator.postFormWithCsrf("/batches/" + id + "/discard", Map.of());
        assertThat(unconfirmed.headers().firstValue("Location")).hasValue("/batches/" + id + "/discard");
        assertThat(server.services().intake().batch(id).state()).as("not without confirming").isEqualTo(Batch.State.DRAFT);
        assertThat(operator.get("/batches/" + id + "/discard").body()).contains("Discard batch " + id + "?")
                .contains("1 row (1 valid) will be thrown away").contains("class=\"destructive\"");
        assertThat(operator.postFormWithCsrf("/batches/" + id + "/discard", Map.of("confirm", "yes")).statusCode())
                .isEqualTo(303);
        assertThat(server.services().intake().batch(id).state()).isEqualTo(Batch.State.DISCARDED);
        HttpResponse<String> again = operator.postFormWithCsrf("/batches/" + id + "/discard", Map.of("confirm", "yes"));
        assertThat(again.statusCode()).isEqualTo(422);
        assertThat(Jsoup.parse(again.body()).text()).contains("Batch " + id + " is \"Discarded\"; only a draft can be discarded.");
        HttpResponse<String> submit = operator.postFormWithCsrf("/batches/" + id + "/submit", Map.of());
        assertThat(submit.statusCode()).isEqualTo(422);
        assertThat(IntakeIT.queued(server)).doesNotContain(IntakeFiles.imei(500));
        assertThat(server.services().audit().recent(50)).anyMatch(e -> e.action().equals("batch.discard")
                && e.target().equals("batch " + id));
    }

    @Test
    void aDeviceQueuedByAnEarlierBatchIsSkippedWithItsState() {
        TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
        String id = IntakeFiles.imei(600);
        String first = operator.postFile("/batches/new", Optional.empty(), Map.of(), "a.csv",
                IntakeFiles.csv("IMEI,Kind,Company\n" + id + ",genx,42\n")).headers().firstValue("Location").orElseThrow();
        long firstId = Long.parseLong(first.split("/")[2]);
        operator.postFormWithCsrf("/batches/" + firstId + "/submit", Map.of());
        String second = operator.postFile("/batches/new", Optional.empty(), Map.of(), "b.csv",
                IntakeFiles.csv("IMEI,Kind,Company\n" + id + ",genx,42\n")).headers().firstValue("Location").orElseThrow();
        assertThat(operator.get(second).body()).contains("data-testid=\"total-existing\">1<")
                .contains("Already queued (queued, batch " + firstId + "). Skipped.");
    }

    private static String refusal(TestClient client, String name, byte[] content) {
        HttpResponse<String> response = client.postFile("/batches/new", Optional.empty(), Map.of(), name, content);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"upload-error\">([^<]*)<").matcher(response.body());
        assertThat(m.find()).as(response.body()).isTrue();
        return m.group(1);
    }

}
