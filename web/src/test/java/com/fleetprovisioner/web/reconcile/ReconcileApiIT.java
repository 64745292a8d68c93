package com.fleetprovisioner.web.reconcile;

import static com.fleetprovisioner.db.jooq.Tables.AUDIT_LOG;
import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.reconcile.Reconciler;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.audit.JooqAuditLog;
import com.fleetprovisioner.queue.reconcile.JobRunrReconcileJobs;
import com.fleetprovisioner.db.reconcile.JooqReconcileRepository;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.simulator.World;
import com.fleetprovisioner.web.testing.DeviceSeeds;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.jobrunr.jobs.states.StateName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reconciliation API and pages over a real server: hostile input beside valid, roles, a run enqueued in
 * JobRunr and never run by the web, then executed as a worker executes it (the real {@link Reconciler}
 * against the in-process simulator), its rows paged, exported and imported; every action audited.
 */
class ReconcileApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = "/api/v1/reconciliations";

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void hostileInputIsRefusedAndARunIsEnqueuedReadPagedExportedAndImported(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            String operator = server.apiToken("operator");
            String viewer = server.apiToken("viewer");
            TestClient api = server.client();
            for (String body : List.of("{\"company\": -1}", "{\"company\": 0}", "{\"company\": 1e99}",
                    "{\"company\": \"42\"}", "{}", "{\"company\": null}", "{\"company\": 99999999999999999999}",
                    "{\"company\": 4.2}", "{\"company\": \"\\u0000\\r\\n\"}", "{\"company\": 999}", "[]", "")) {
                HttpResponse<String> refused = api.send("POST", BASE, Optional.of(operator), Optional.of(body));
                assertThat(refused.statusCode()).as("%s → %s", body, refused.body()).isEqualTo(422);
            }
            assertThat(api.send("POST", BASE, Optional.of(operator), Optional.of("{\"company\": ")).statusCode())
                    .isEqualTo(400);
            assertThat(api.send("POST", BASE, Optional.of(viewer), Optional.of("{\"company\": 42}")).statusCode())
                    .isEqualTo(403);
            assertThat(DatabaseFixture.dsl(server.database()).fetchCount(com.fleetprovisioner.db.jooq.Tables.RECONCILIATION_RUN))
                    .as("nothing refused was created").isZero();

            // 2 devices queued here and already present there, 3 present there only, 1 present here only
            long batch = DeviceSeeds.queued(server, new java.util.TreeMap<>(Map.of("356938059000001", 42,
                    "356938059000002", 42, "356938059000003", 42)));
            World world = server.simulator().world();
            for (String id : List.of("356938059000001", "356938059000002", "356938059100001", "356938059100002",
                    "356938059100003")) {
                world.putProvider(new World.StoredProvider(id, id.endsWith("3") ? 43 : 42, "calamp", null, null, null,
                        null, false, Instant.now(), Instant.now(), 1));
            }

            HttpResponse<String> started = api.send("POST", BASE, Optional.of(operator), Optional.of("{\"company\": 42}"));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            long id = JSON.readTree(started.body()).get("id").asLong();
            assertThat(started.headers().firstValue("Location")).contains(BASE + "/" + id);
            assertThat(JSON.readTree(started.body()).get("state").asText()).isEqualTo("queued");
            var job = server.jobs().provider().getJobById(JobRunrReconcileJobs.jobId(id));
            assertThat(job.getState()).as("enqueued for a worker, not run by the web").isEqualTo(StateName.ENQUEUED);

            assertThat(api.send("GET", BASE + "/999999", Optional.of(viewer), Optional.empty()).statusCode()).isEqualTo(404);
            for (String bad : List.of("abc", "1e99", "-", "99999999999999999999")) {
                assertThat(api.send("GET", BASE + "/" + bad, Optional.of(viewer), Optional.empty()).statusCode())
                        .as(bad).isEqualTo(422);
            }

            new Reconciler(new JooqReconcileRepository(DatabaseFixture.dsl(server.database())), server.fleetFreedom(),
                    new JooqAuditLog(DatabaseFixture.dsl(server.database())), Clock.systemUTC()).run(id);
            JsonNode run = json(api.send("GET", BASE + "/" + id, Optional.of(viewer), Optional.empty()));
            assertThat(run.get("state").asText()).isEqualTo("completed");
            assertThat(run.get("counts").toString()).isEqualTo("{\"matched\":0,\"missingInFleetFreedom\":0,"
                    + "\"unknownHere\":3,\"companyMismatch\":0,\"pendingHere\":2}");
            assertThat(run.get("progress").get("companiesTotal").asInt()).isEqualTo(2);
            assertThat(run.get("progress").get("providersSeen").asInt()).isEqualTo(5);

            assertThat(run.get("rows").get("unknownHere").asText()).as("a link to follow, per category")
                    .isEqualTo(BASE + "/" + id + "/rows?category=unknownHere");
            JsonNode page = json(api.send("GET", run.get("rows").get("unknownHere").asText() + "&size=2",
                    Optional.of(viewer), Optional.empty()));
            assertThat(page.get("rows")).extracting(r -> r.get("providerId").asText())
                    .containsExactly("356938059100001", "356938059100002");
            JsonNode rest = json(api.send("GET", page.get("next").asText(), Optional.of(viewer), Optional.empty()));
            assertThat(rest.get("rows")).extracting(r -> r.get("companyThere").asLong()).containsExactly(43L);
            assertThat(rest.get("next").isNull()).isTrue();
            for (String query : List.of("?category=bogus", "", "?category=", "?category=matched%00",
                    "?category=MATCHED")) {
                assertThat(api.send("GET", BASE + "/" + id + "/rows" + query, Optional.of(viewer), Optional.empty())
                        .statusCode()).as(query).isEqualTo(422);
            }
            for (String size : List.of("0", "-1", "1001", "1e99", "abc")) {
                assertThat(api.send("GET", BASE + "/" + id + "/rows?category=matched&size=" + size, Optional.of(viewer),
                        Optional.empty()).statusCode()).as(size).isEqualTo(400);
            }
            assertThat(api.send("GET", BASE + "/999999/rows?category=matched", Optional.of(viewer), Optional.empty())
                    .statusCode()).isEqualTo(404);

            // pages: the run, its rows by category, the export, the import behind its confirmation page
            TestClient viewerPages = server.client().signedIn("viewer", WebTestServer.PASSWORD);
            String list = viewerPages.get("/reconciliations").body();
            assertThat(list).contains("href=\"/reconciliations/" + id + "\"").doesNotContain("id=\"start-reconciliation\"");
            String shown = viewerPages.get("/reconciliations/" + id + "?category=pendingHere").body();
            assertThat(shown).contains("data-provider=\"356938059000001\"").contains("Pending here: 2")
                    .doesNotContain("id=\"import-unknown\"");
            assertThat(viewerPages.get("/reconciliations/" + id + "?category=nope").statusCode()).isEqualTo(422);
            String csv = new String(viewerPages.download("/reconciliations/" + id + "/rows.csv").body(),
                    StandardCharsets.UTF_8);
            assertThat(csv.lines()).hasSize(6).first().asString().contains("Category").contains("Device id");
            assertThat(csv).contains("Unknown here,356938059100003,calamp,43,,,");
            viewerPages.withHeader("Accept-Language", "fr-CA");
            String frenchCsv = new String(viewerPages.download("/reconciliations/" + id + "/rows.csv").body(),
                    StandardCharsets.UTF_8);
            assertThat(frenchCsv.lines().findFirst().orElseThrow()).isEqualTo("\uFEFFCatégorie,Identifiant de l'appareil,"
                    + "Type,Entreprise dans Fleet Freedom,Entreprise ici,État ici,Fiche ici");
            assertThat(frenchCsv).contains("Inconnus ici,356938059100003,calamp,43,,,");
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                    viewerPages.download("/reconciliations/" + id + "/rows.xlsx?category=pendingHere").body()))) {
                assertThat(book.getSheetName(0)).isEqualTo("Rapprochement " + id);
                assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("Catégorie");
                assertThat(book.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("En cours ici");
                assertThat(book.getSheetAt(0).getRow(1).getCell(5).getStringCellValue())
                        .isIn("En file d'attente", "Envoi en cours", "Nouvelle tentative");
            }
            viewerPages.withHeader("Accept-Language", "en-CA");
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                    viewerPages.download("/reconciliations/" + id + "/rows.xlsx").body()))) {
                assertThat(book.getSheetName(0)).isEqualTo("Reconciliation " + id);
                assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("Category");
            }

            TestClient operatorPages = server.client().signedIn("operator", WebTestServer.PASSWORD);
            assertThat(operatorPages.postFormWithCsrf("/reconciliations", Map.of("company", "4\u00002")).statusCode())
                    .isEqualTo(422);
            assertThat(operatorPages.postFormWithCsrf("/reconciliations", Map.of("company", "9".repeat(40))).body())
                    .contains("A company number is a positive whole number.");
            assertThat(operatorPages.get("/reconciliations/" + id).body()).contains("Import 3 unknown devices");
            assertThat(operatorPages.get("/reconciliations/" + id + "/import").body())
                    .contains("3 devices found in Fleet Freedom will be recorded here as already present");
            assertThat(api.send("POST", BASE + "/" + id + "/import", Optional.of(viewer), Optional.empty()).statusCode())
                    .isEqualTo(403);
            HttpResponse<String> imported = operatorPages.postFormWithCsrf("/reconciliations/" + id + "/import",
                    Map.of("confirm", "yes"));
            assertThat(imported.statusCode()).isEqualTo(303);
            assertThat(operatorPages.get("/reconciliations/" + id + "?category=unknownHere").body())
                    .contains("3 devices recorded as already present in batch");
            assertThat(api.send("POST", BASE + "/" + id + "/import", Optional.of(operator), Optional.empty()).statusCode())
                    .as("nothing left to import").isEqualTo(422);
            String history = viewerPages.get("/history?state=pre_existing").body();
            assertThat(history).contains("356938059100001").contains("Already present (imported)");
            assertThat(DatabaseFixture.dsl(server.database()).fetchOne(BATCH, BATCH.ID.ne(batch)).getSource()).isEqualTo("reconciliation");

            List<String> audited = DatabaseFixture.dsl(server.database()).select(AUDIT_LOG.ACTION).from(AUDIT_LOG)
                    .where(AUDIT_LOG.ACTION.startsWith("reconciliation.")).fetch(AUDIT_LOG.ACTION);
            assertThat(audited).as("every download audited: the English CSV, the French CSV and XLSX, the English XLSX").containsExactlyInAnyOrder(
                    "reconciliation.start", "reconciliation.export", "reconciliation.export", "reconciliation.export",
                    "reconciliation.export", "reconciliation.import");
        }
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }
}
