package com.fleetprovisioner.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.app.testing.ApiOperator;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.DatabaseUrl;
import com.fleetprovisioner.db.testing.TestDatabases;
import com.fleetprovisioner.simulator.ControlClient;
import com.fleetprovisioner.simulator.Ledger;
import com.fleetprovisioner.simulator.Receipts;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 17's "must show", over real sockets: the one-JVM product (web, JobRunr worker, simulator) on H2 and
 * PostgreSQL. 5 providers added in Fleet Freedom by someone else; 20 devices provisioned through the product,
 * 2 of them then removed at the simulator; 1 more provisioned and moved to another company there. The run
 * reports 18 matched, 2 missing, 5 unknown here, 1 company mismatch, and Fleet Freedom received no command that
 * changes it meanwhile. Importing the 5 makes an upload of them "already present", and nothing is sent.
 */
class ReconciliationIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_PASSWORD = "reconcile-admin-password";
    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final List<String> CHANGING = List.of("mergeProvider", "removeProvider", "restoreProvider");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theRunSortsEveryDeviceIntoOneCategoryAndImportingTheUnknownOnesStopsTheirUpload(DatabaseKind kind)
            throws Exception {
        DatabaseUrl db = TestDatabases.freshUrl(kind);
        AppConfig config = AppConfig.from(Map.of("FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1",
                "FP_DB_URL", db.url(), "FP_DB_USER", db.user(), "FP_DB_PASSWORD", db.password(),
                "FP_ADMIN_PASSWORD", ADMIN_PASSWORD, "FP_SEND_RATE", "0", "FP_SWEEP_SECONDS", "2"));
        try (EmbeddedApp app = EmbeddedApp.start(config, SecretBox.random(), Clock.systemUTC())) {
            Simulator sim = app.simulator().orElseThrow();
            ControlClient control = ControlClient.of(sim);
            URI web = URI.create("http://127.0.0.1:" + app.port());
            List<String> outside = ids(900, 5);
            seedOutside(control, outside);

            ApiOperator operator = ApiOperator.created(web, ADMIN_PASSWORD, "recon", "recon-operator-password");
            List<String> ours = ids(100, 20);
            String moved = IntakeFiles.imei(200);
            List<String> all = new ArrayList<>(ours);
            all.add(moved);
            long batch = operator.upload("ours.csv", csv(all, 42), 21);
            assertThat(operator.submit(batch).get("devicesQueued").asInt()).isEqualTo(21);
            await("21 devices provisioned", () -> provisioned(operator, batch) == 21);

            List<String> removed = ours.subList(0, 2);
            for (String id : removed) {
                assertOk(control.send("POST", "/providers/remove", "{\"id\":\"" + id + "\"}"));
            }
            assertOk(control.send("POST", "/providers/move", "{\"id\":\"" + moved + "\",\"company\":43}"));

            int ledgerBefore = sim.ledger().entries().size();
            Instant runFrom = Instant.now();
            JsonNode run = start(operator, web);
            assertThat(run.get("counts").toString()).as("every count of the first run")
                    .isEqualTo("{\"matched\":18,\"missingInFleetFreedom\":2,\"unknownHere\":5,\"companyMismatch\":1,"
                            + "\"pendingHere\":0}");
            assertThat(sim.ledger().entries()).as("no mergeProvider reached the simulator during the run")
                    .hasSize(ledgerBefore);
            assertThat(sim.receipts().all()).filteredOn(r -> !r.receivedAt().isBefore(runFrom))
                    .extracting(Receipts.Receipt::command).doesNotContainAnyElementsOf(CHANGING)
                    .contains("getCompaniesList", "getProvidersList");
            long runId = run.get("id").asLong();
            assertThat(providerIds(operator, runId, "missingInFleetFreedom")).containsExactlyElementsOf(removed);
            assertThat(providerIds(operator, runId, "unknownHere")).containsExactlyElementsOf(outside);
            JsonNode mismatch = operator.get("/api/v1/reconciliations/" + runId + "/rows?category=companyMismatch")
                    .get("rows").get(0);
            assertThat(mismatch.get("providerId").asText()).isEqualTo(moved);
            assertThat(mismatch.get("companyThere").asLong()).isEqualTo(43);
            assertThat(mismatch.get("companyHere").asLong()).isEqualTo(42);

            JsonNode imported = post(operator, web, "/api/v1/reconciliations/" + runId + "/import", "{}", 200);
            assertThat(imported.get("devices").asInt()).isEqualTo(5);
            HttpResponse<String> upload = operator.upload("again.csv", csv(outside, 42).getBytes(), Map.of());
            JsonNode again = JSON.readTree(upload.body());
            assertThat(again.get("totals").get("alreadyKnown").asInt()).as(upload.body()).isEqualTo(5);
            assertThat(again.get("problems").get(0).get("messages").get(0).get("text").asText())
                    .startsWith("Already present in Fleet Freedom");
            HttpResponse<String> submit = TestClient.at(web).send("POST", "/api/v1/batches/"
                    + again.get("batchId").asLong() + "/submit", Optional.of(operator.token()), Optional.of("{}"));
            assertThat(submit.statusCode()).as(submit.body()).isEqualTo(422);
            for (String id : outside) {
                assertThat(sim.ledger().forProvider(id)).as("never sent: %s", id).isEmpty();
            }

            JsonNode second = start(operator, web);
            assertThat(second.get("counts").get("matched").asInt()).as("the imported devices now match").isEqualTo(23);
            assertThat(second.get("counts").get("unknownHere").asInt()).isZero();
            assertThat(sim.ledger().entries().stream().map(Ledger.Entry::outcome).distinct().toList())
                    .containsOnly(Ledger.Outcome.CREATED);
        }
    }

    private static void seedOutside(ControlClient control, List<String> ids) {
        StringBuilder seed = new StringBuilder("{\"providers\":[");
        for (int i = 0; i < ids.size(); i++) {
            seed.append(i == 0 ? "" : ",").append("{\"id\":\"").append(ids.get(i))
                    .append("\",\"kind\":\"calamp\",\"company\":").append(i < 3 ? 42 : 43).append('}');
        }
        assertOk(control.send("POST", "/seed", seed.append("]}").toString()));
    }

    /** Starts a run of company 42 through the API and waits for its end; the run's JSON. */
    private static JsonNode start(ApiOperator operator, URI web) throws Exception {
        HttpResponse<String> started = TestClient.at(web).send("POST", "/api/v1/reconciliations",
                Optional.of(operator.token()), Optional.of("{\"company\": 42}"));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String location = started.headers().firstValue("Location").orElseThrow();
        await("the run ends", () -> !List.of("queued", "running").contains(read(operator, location).get("state").asText()));
        JsonNode run = read(operator, location);
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("completed");
        return run;
    }

    private static List<String> providerIds(ApiOperator operator, long runId, String category) throws Exception {
        List<String> ids = new ArrayList<>();
        operator.get("/api/v1/reconciliations/" + runId + "/rows?category=" + category).get("rows")
                .forEach(r -> ids.add(r.get("providerId").asText()));
        return ids;
    }

    private static JsonNode post(ApiOperator operator, URI web, String path, String body, int status) throws Exception {
        HttpResponse<String> answer = TestClient.at(web).send("POST", path, Optional.of(operator.token()), Optional.of(body));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        return JSON.readTree(answer.body());
    }

    private static JsonNode read(ApiOperator operator, String path) {
        try {
            return operator.get(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long provisioned(ApiOperator operator, long batch) {
        return read(operator, "/api/v1/batches/" + batch).get("counts").get("provisioned").asLong();
    }

    private static List<String> ids(int first, int n) {
        return IntStream.range(first, first + n).mapToObj(IntakeFiles::imei).sorted().toList();
    }

    private static String csv(List<String> ids, long company) {
        StringBuilder csv = new StringBuilder("IMEI,Kind,Company\n");
        ids.forEach(id -> csv.append(id).append(",genx,").append(company).append('\n'));
        return csv.toString();
    }

    private static void assertOk(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    /** Waits for a condition the product reaches by itself; the deadline only catches a hang. */
    private static void await(String what, BooleanSupplier done) throws InterruptedException {
        Instant until = Instant.now().plus(DEADLINE);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("Not reached within " + DEADLINE.toSeconds() + " s: " + what);
            }
            Thread.sleep(200);
        }
    }
}
