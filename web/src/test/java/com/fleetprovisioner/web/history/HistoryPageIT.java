package com.fleetprovisioner.web.history;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.device.DeviceCounters;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.CellType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HistoryPageIT {
    private static final Instant BILLED = Instant.parse("2026-11-27T10:15:30.123Z");
    private static WebTestServer server;
    private static TestClient viewer;

    @BeforeAll
    static void start() {
        server = WebTestServer.start(DatabaseKind.H2);
        var dsl = DatabaseFixture.dsl(server.database());
        long user = server.user(Role.OPERATOR).id();
        Instant now = server.clock().instant();
        long batch = dsl.insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, now).set(BATCH.UPDATED_AT, now)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
        List<NewDevice> devices = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            Optional<String> password = i == 7 ? Optional.of(server.services().secrets().seal("hunter2-device")) : Optional.empty();
            Optional<String> name = i == 8 ? Optional.of("=HYPERLINK(\"http://evil.example\")") : Optional.empty();
            devices.add(new NewDevice(String.format("35693803564%04d", i), "calamp", 42, name, Optional.empty(),
                    password, Optional.empty(), batch, Optional.of(i + 2), user));
        }
        new JooqDeviceIntake(dsl).insertQueued(devices, now);
        dsl.update(DEVICE).set(DEVICE.STATE, "provisioned").set(DEVICE.BILLING_STARTED_AT, BILLED)
                .set(DEVICE.SENT_AT, BILLED.minus(Duration.ofMillis(40))).set(DEVICE.RECEIVED_AT, BILLED.plus(Duration.ofMillis(5)))
                .where(DEVICE.PROVIDER_ID.eq("356938035640007")).execute();
        new DeviceCounters(dsl).recount();
        viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theHistoryShowsBillingStartAndFiltersByState() {
        String provisioned = viewer.get("/history?state=provisioned").body();
        assertThat(provisioned).contains("356938035640007").contains("2026-11-27 10:15:30.123")
                .doesNotContain("356938035640008");
        assertThat(viewer.get("/history?q=3569380356401").body()).contains("356938035640119").doesNotContain("356938035640099");
    }

    @Test
    void pagesFollowTheKeysetWithoutGapsOrRepeats() {
        List<String> seen = new ArrayList<>();
        String next = "/history";
        while (next != null) {
            String page = viewer.get(next).body();
            Matcher ids = Pattern.compile("data-device=\"(\\d+)\"").matcher(page);
            while (ids.find()) {
                seen.add(ids.group(1));
            }
            Matcher link = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"").matcher(page);
            next = link.find() ? link.group(1).replace("&amp;", "&") : null;
        }
        assertThat(seen).hasSize(120).doesNotHaveDuplicates();
    }

    @Test
    void theDevicePageShowsItsTimelineAndNeverItsPassword() {
        HttpResponse<String> page = viewer.get("/history/356938035640007");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("2026-11-27 10:15:30.123 UTC").contains("set (never shown)")
                .contains("Submitted and queued").doesNotContain("hunter2-device").doesNotContain("v1:");
        assertThat(page.body()).as("the step in words, the batch a link").contains(">Queued<")
                .doesNotContain("<code>queued</code>").containsPattern("href=\"/batches/\\d+\">#\\d+<");
        assertThat(viewer.get("/history/000000000000000").statusCode()).isEqualTo(404);
    }

    @Test
    void theCsvExportHoldsExactlyTheFilteredRowsWithFormulasNeutralisedAndNoSecrets() {
        HttpResponse<byte[]> csv = viewer.download("/history.csv?q=35693803564000");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(".csv");
        String text = new String(csv.body(), java.nio.charset.StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(1 + 10);
        assertThat(lines.get(0)).contains("Billing started at (UTC, Fleet Freedom clock)");
        assertThat(text).contains("356938035640007").contains("2026-11-27T10:15:30.123Z")
                .contains("'=HYPERLINK").doesNotContain(",=HYPERLINK").doesNotContain("hunter2").doesNotContain("v1:");
        assertThat(server.services().audit().recent(5)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("history.export");
            assertThat(e.details()).startsWith("10 devices");
        });
    }

    @Test
    void theXlsxExportTypesItsCellsIdsAsTextCountsAsNumbersTimesAsDates() throws Exception {
        HttpResponse<byte[]> xlsx = viewer.download("/history.xlsx?q=35693803564000");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(10);
            var header = sheet.getRow(0);
            var row = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(sheet::getRow)
                    .filter(r -> r.getCell(0).getStringCellValue().equals("356938035640007")).findFirst().orElseThrow();
            assertThat(header.getCell(0).getStringCellValue()).isEqualTo("Device id");
            assertThat(row.getCell(0).getCellType()).as("an id is text: no digit lost").isEqualTo(CellType.STRING);
            assertThat(row.getCell(2).getCellType()).as("company").isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(42.0);
            assertThat(row.getCell(5).getCellType()).as("attempts").isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(6).getCellType()).as("batch").isEqualTo(CellType.NUMERIC);
            var billing = row.getCell(9);
            assertThat(billing.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(org.apache.poi.ss.usermodel.DateUtil.isCellDateFormatted(billing)).as("a date, formatted as one").isTrue();
            assertThat(billing.getLocalDateTimeCellValue()).isEqualTo(java.time.LocalDateTime.of(2026, 11, 27, 10, 15, 30, 123_000_000));
            assertThat(billing.getCellStyle().getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss.000");
            assertThat(row.getCell(10).getLocalDateTimeCellValue()).as("sent at").isEqualTo(
                    java.time.LocalDateTime.of(2026, 11, 27, 10, 15, 30, 83_000_000));
            var named = java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(sheet::getRow)
                    .filter(r -> r.getCell(0).getStringCellValue().equals("356938035640008")).findFirst().orElseThrow();
            assertThat(named.getCell(3).getStringCellValue()).as("formulas stay neutralised").startsWith("'=HYPERLINK");
            assertThat(named.getCell(9)).as("no billing start: an empty cell").isNull();
        }
    }

    @Test
    void historyPagesGoFirstPreviousAndNextWithTheTotalFromTheCounters() {
        String first = viewer.get("/history").body();
        assertThat(first).contains("120 devices").doesNotContain("rel=\"prev\"").doesNotContain("rel=\"first\"");
        String second = viewer.get(link(first, "next")).body();
        String third = viewer.get(link(second, "next")).body();
        assertThat(ids(third)).hasSize(20).doesNotContainAnyElementsOf(ids(second));
        assertThat(third).doesNotContain("rel=\"next\"").contains("rel=\"first\"");
        String backToSecond = viewer.get(link(third, "prev")).body();
        assertThat(ids(backToSecond)).isEqualTo(ids(second));
        String backToFirst = viewer.get(link(backToSecond, "prev")).body();
        assertThat(ids(backToFirst)).isEqualTo(ids(first)).hasSize(50);
        assertThat(backToFirst).as("the first page again: nothing before it").doesNotContain("rel=\"prev\"");
        assertThat(ids(viewer.get(link(third, "first")).body())).isEqualTo(ids(first));
        assertThat(viewer.get("/history?state=provisioned").body()).contains("1 device<");
    }

    @Test
    void theIdFilterMatchesAnyPartOfTheId() {
        String page = viewer.get("/history?q=4011").body();
        assertThat(ids(page)).containsExactly("356938035640119", "356938035640118", "356938035640117", "356938035640116",
                "356938035640115", "356938035640114", "356938035640113", "356938035640112", "356938035640111",
                "356938035640110");
    }

    private static String link(String page, String rel) {
        Matcher link = Pattern.compile("href=\"([^\"]+)\" rel=\"" + rel + "\"").matcher(page);
        assertThat(link.find()).as("a " + rel + " link").isTrue();
        return link.group(1).replace("&amp;", "&");
    }

    private static List<String> ids(String page) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("data-device=\"(\\d+)\"").matcher(page);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    @Test
    void aMalformedFilterIsShownBesideItsField() {
        HttpResponse<String> response = viewer.get("/history?batch=abc&state=sideways");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("A batch number").contains("Choose a state from the list");
    }
}
