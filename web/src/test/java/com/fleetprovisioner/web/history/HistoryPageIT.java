package com.fleetprovisioner.web.history;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

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
        var dsl = server.database().dsl();
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
    void theXlsxExportIsAWorkbookWithTheSameRows() throws Exception {
        HttpResponse<byte[]> xlsx = viewer.download("/history.xlsx?state=provisioned");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx.body()))) {
            var sheet = workbook.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("356938035640007");
            assertThat(sheet.getRow(1).getCell(9).getStringCellValue()).isEqualTo("2026-11-27T10:15:30.123Z");
        }
    }

    @Test
    void aMalformedFilterIsShownBesideItsField() {
        HttpResponse<String> response = viewer.get("/history?batch=abc&state=sideways");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("A batch number").contains("Choose a state from the list");
    }
}
