package com.fleetprovisioner.web.billing;

import static com.fleetprovisioner.db.jooq.Tables.AUDIT_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.billing.BillingMonth;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.billing.BillingSeeds;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The billing page, its exports and its API on a real server, beside hostile input. */
class BillingPageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");
    private static WebTestServer h2;

    @BeforeAll
    static void start() {
        h2 = WebTestServer.start(DatabaseKind.H2);
        seed(h2);
    }

    @AfterAll
    static void stop() {
        h2.close();
    }

    /**
     * November: 53 in company 42 (every third a teltonika, the first at 00:00 UTC on the 1st), 2 in 43, one
     * failed in 42; October: one at its last millisecond in 43.
     */
    private static void seed(WebTestServer server) {
        BillingSeeds seeds = new BillingSeeds(DatabaseFixture.dsl(server.database()));
        long user = server.user(Role.OPERATOR).id();
        Instant submitted = NOVEMBER.minus(Duration.ofDays(3));
        long batch = seeds.batch(user, submitted);
        for (int i = 0; i < 53; i++) {
            seeds.provisioned(seeds.queued(batch, user, String.format("35693803564%04d", i), i % 3 == 0 ? "teltonika" : "calamp",
                    42, submitted), NOVEMBER.plus(Duration.ofMinutes(i * 7L)));
        }
        seeds.provisioned(seeds.queued(batch, user, "490154203237518", "calamp", 43, submitted), NOVEMBER.plus(Duration.ofDays(29)));
        seeds.provisioned(seeds.queued(batch, user, "490154203237519", "calamp", 43, submitted), NOVEMBER.plus(Duration.ofDays(2)));
        seeds.failed(seeds.queued(batch, user, "352099001761481", "calamp", 42, submitted), NOVEMBER.plus(Duration.ofDays(1)));
        seeds.provisioned(seeds.queued(batch, user, "352099001761482", "calamp", 43, submitted), NOVEMBER.minusMillis(1));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theApiGivesTotalsPerCompanyAndKindAndPagesEveryRowOnce(DatabaseKind kind) throws IOException {
        WebTestServer server = kind == DatabaseKind.H2 ? h2 : WebTestServer.start(kind);
        try {
            if (server != h2) {
                seed(server);
            }
            String token = token(server, Role.VIEWER);
            JsonNode totals = json(server.client().send("GET", "/api/v1/billing?month=2026-11", Optional.of(token), Optional.empty()), 200);
            assertThat(totals.get("month").asText()).isEqualTo("2026-11");
            assertThat(totals.get("zone").asText()).isEqualTo("UTC");
            assertThat(totals.get("from").asText()).isEqualTo("2026-11-01T00:00:00Z");
            assertThat(totals.get("to").asText()).isEqualTo("2026-12-01T00:00:00Z");
            assertThat(totals.get("devices").asLong()).isEqualTo(55);
            assertThat(totals.get("companies").get(0).get("company").asLong()).isEqualTo(42);
            assertThat(totals.get("companies").get(0).get("devices").asLong()).isEqualTo(53);
            assertThat(totals.get("companies").get(0).get("kinds").toString())
                    .isEqualTo("[{\"kind\":\"calamp\",\"devices\":35},{\"kind\":\"teltonika\",\"devices\":18}]");
            assertThat(totals.get("companies").get(1).get("devices").asLong()).isEqualTo(2);
            assertThat(totals.get("kinds").toString())
                    .isEqualTo("[{\"kind\":\"calamp\",\"devices\":37},{\"kind\":\"teltonika\",\"devices\":18}]");
            assertThat(totals.get("rows").asText()).isEqualTo("/api/v1/billing/rows?month=2026-11");

            List<String> ids = new ArrayList<>();
            String next = totals.get("companies").get(0).get("rows").asText() + "&limit=20";
            int pages = 0;
            while (next != null) {
                JsonNode page = json(server.client().send("GET", next, Optional.of(token), Optional.empty()), 200);
                page.get("rows").forEach(r -> ids.add(r.get("providerId").asText()));
                assertThat(page.get("company").asLong()).isEqualTo(42);
                next = page.get("next").isNull() ? null : page.get("next").asText();
                pages++;
            }
            assertThat(pages).isEqualTo(3);
            assertThat(ids).hasSize(53).doesNotHaveDuplicates().first().isEqualTo("356938035640000");
            JsonNode all = json(server.client().send("GET", "/api/v1/billing/rows?month=2026-11", Optional.of(token),
                    Optional.empty()), 200);
            assertThat(all.get("rows")).hasSize(55);
            assertThat(all.get("next").isNull()).isTrue();
            JsonNode last = all.get("rows").get(54);
            assertThat(last.get("providerId").asText()).isEqualTo("490154203237518");
            assertThat(last.get("billingStartedAt").asText()).isEqualTo("2026-11-30T00:00:00Z");
            assertThat(last.get("submittedBy").asText()).isEqualTo("operator");
            assertThat(last.get("batch").asText()).isEqualTo("/api/v1/batches/" + last.get("batchId").asLong());
            JsonNode october = json(server.client().send("GET", "/api/v1/billing?month=2026-10", Optional.of(token),
                    Optional.empty()), 200);
            assertThat(october.get("devices").asLong()).as("the last millisecond of October").isEqualTo(1);

            // the exports' headers and sheet in the downloader's language; the cells are the same data
            TestClient french = server.client().signedIn("viewer", WebTestServer.PASSWORD).withHeader("Accept-Language", "fr-CA");
            List<String> frenchCsv = new String(french.download("/billing.csv?month=2026-11&company=43").body(),
                    StandardCharsets.UTF_8).lines().toList();
            assertThat(frenchCsv.get(0)).isEqualTo("\uFEFFIdentifiant de l'appareil,Type,Entreprise,"
                    + "\"Début de la facturation (UTC, horloge de Fleet Freedom)\",Soumis par,Lot");
            assertThat(frenchCsv).hasSize(3);
            assertThat(frenchCsv.get(1)).startsWith("490154203237519,calamp,43,2026-11-03T00:00:00Z,operator,");
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(french.download("/billing.xlsx?month=2026-11").body()))) {
                assertThat(book.getSheetName(0)).isEqualTo("Facturation");
                assertThat(book.getSheetAt(0).getRow(0).getCell(3).getStringCellValue())
                        .isEqualTo("Début de la facturation (UTC, horloge de Fleet Freedom)");
            }
            french.withHeader("Accept-Language", "en-CA");
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(french.download("/billing.xlsx?month=2026-11").body()))) {
                assertThat(book.getSheetName(0)).isEqualTo("Billing");
                assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("Device id");
            }
        } finally {
            if (server != h2) {
                server.close();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13", "99999-01", "", "2026-1", "2026-00", "2026-11%00", "%07", "2026-11%0A", "2026-11-01",
            "1969-12", "%EF%BC%92%EF%BC%90%EF%BC%92%EF%BC%96-11", "2026-11'%3B--"})
    void aMonthThatIsNoMonthIsRefusedWithAClearMessage(String month) throws IOException {
        String token = token(h2, Role.VIEWER);
        for (String path : List.of("/api/v1/billing?month=", "/api/v1/billing/rows?month=")) {
            JsonNode refused = json(h2.client().send("GET", path + month, Optional.of(token), Optional.empty()), 422);
            assertThat(refused.get("message").asText()).contains("YYYY-MM").contains("01 to 12");
            assertThat(refused.get("fields").get("month").asText()).contains("YYYY-MM");
        }
        TestClient viewer = h2.client().signedIn("viewer", WebTestServer.PASSWORD);
        HttpResponse<String> page = viewer.get("/billing?month=" + month);
        assertThat(page.statusCode()).isEqualTo(422);
        assertThat(page.body()).contains("Give a month as YYYY-MM").doesNotContain("data-testid=\"billing-total\"")
                .doesNotContain("\u0000").doesNotContain("\u0007");
        assertThat(viewer.download("/billing.csv?month=" + month).statusCode()).isEqualTo(422);
    }

    @Test
    void aBadCompanyCursorOrLimitIsRefusedAndAHugeValueCostsNothing() throws IOException {
        String token = token(h2, Role.VIEWER);
        String huge = "9".repeat(2_000);
        for (String query : List.of("company=abc", "company=-1", "company=" + huge, "company=4%002", "cursor=garbage",
                "cursor=" + huge, "limit=0", "limit=1001", "limit=x", "limit=" + huge, "month=" + huge)) {
            HttpResponse<String> answer = h2.client().send("GET",
                    "/api/v1/billing/rows?" + (query.startsWith("month=") ? query : "month=2026-11&" + query),
                    Optional.of(token), Optional.empty());
            assertThat(answer.statusCode()).as(query).isEqualTo(422);
            assertThat(JSON.readTree(answer.body()).get("message").asText()).as(query).isNotBlank();
        }
        assertThat(json(h2.client().send("GET", "/api/v1/billing/rows?month=2026-11&company=99999999",
                Optional.of(token), Optional.empty()), 200).get("rows")).isEmpty();
        TestClient viewer = h2.client().signedIn("viewer", WebTestServer.PASSWORD);
        assertThat(viewer.get("/billing?month=2026-11&company=abc").body()).contains("digits only");
        assertThat(viewer.get("/billing?month=2026-11&after=garbage").body()).contains("This page link is damaged");
        assertThat(h2.client().send("GET", "/api/v1/billing?month=2026-11", Optional.empty(), Optional.empty()).statusCode())
                .isEqualTo(401);
    }

    @Test
    void thePageShowsTheMonthsTotalsItsRowsPagedAndTheNeighbouringMonths() {
        TestClient viewer = h2.client().signedIn("viewer", WebTestServer.PASSWORD);
        HttpResponse<String> first = viewer.get("/billing?month=2026-11");
        assertThat(first.statusCode()).isEqualTo(200);
        String body = first.body();
        assertThat(body).contains("Billing report, November 2026").contains("calendar month in UTC")
                .contains("55 devices started billing in this month").contains("data-company-total=\"42\">53<")
                .contains("data-company-total=\"43\">2<").contains("data-kind-total=\"teltonika\">18<")
                .contains("href=\"/billing?month=2026-10\"").contains("href=\"/billing?month=2026-12\"")
                .contains("href=\"/billing.csv?month=2026-11\"").contains("value=\"2026-11\"")
                .doesNotContain("352099001761481").doesNotContain("352099001761482");
        assertThat(rows(body)).hasSize(BillingController.PAGE_SIZE).first().isEqualTo("356938035640000");
        String next = body.replaceAll("(?s).*href=\"(/billing\\?[^\"]*after=[^\"]*)\".*", "$1").replace("&amp;", "&");
        List<String> second = rows(viewer.get(next).body());
        assertThat(second).hasSize(5).doesNotContainAnyElementsOf(rows(body)).contains("490154203237518");

        String company = viewer.get("/billing?month=2026-11&company=43").body();
        assertThat(rows(company)).containsExactly("490154203237519", "490154203237518");
        assertThat(company).contains("href=\"/billing?month=2026-10&amp;company=43\"");
        assertThat(viewer.get("/billing?month=2026-12").body()).contains("No device started billing in this month");
        String current = BillingMonth.of(h2.clock().instant()).id();
        assertThat(viewer.get("/billing").body()).as("no month: this month in UTC").contains("value=\"" + current + "\"");
        assertThat(viewer.get("/").body()).contains("id=\"billing-report\" href=\"/billing\"");
        assertThat(viewer.get("/history").body()).contains("href=\"/billing\"");
    }

    @Test
    void theExportsHoldTheMonthsRowsWithTypedCellsAndAreAudited() throws IOException {
        TestClient viewer = h2.client().signedIn("viewer", WebTestServer.PASSWORD);
        HttpResponse<byte[]> csv = viewer.download("/billing.csv?month=2026-11&company=43");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("billing-2026-11-company-43.csv");
        List<String> lines = new String(csv.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).isEqualTo("\uFEFFDevice id,Kind,Company,\"Billing started at (UTC, Fleet Freedom clock)\","
                + "Submitted by,Batch");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("490154203237519,calamp,43,2026-11-03T00:00:00Z,operator,");

        HttpResponse<byte[]> xlsx = viewer.download("/billing.xlsx?month=2026-11");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getLastRowNum()).isEqualTo(55);
            Row row = sheet.getRow(1);
            assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
            assertThat(row.getCell(0).getStringCellValue()).isEqualTo("356938035640000");
            assertThat(row.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(row.getCell(2).getNumericCellValue()).isEqualTo(42);
            assertThat(DateUtil.isCellDateFormatted(row.getCell(3))).isTrue();
            assertThat(row.getCell(3).getLocalDateTimeCellValue()).isEqualTo("2026-11-01T00:00:00");
            assertThat(row.getCell(5).getCellType()).isEqualTo(CellType.NUMERIC);
        }
        assertThat(DatabaseFixture.dsl(h2.database()).selectCount().from(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq("billing.export"))
                .and(AUDIT_LOG.DETAILS.eq("55 devices; month 2026-11")).fetchOne(0, int.class)).isEqualTo(1);
    }

    private static List<String> rows(String body) {
        List<String> ids = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-device=\"([^\"]+)\"").matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String token(WebTestServer server, Role role) {
        return server.services().tokens().issue(Actor.system(), server.user(role), "billing test").rawToken();
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(response.body());
    }
}
