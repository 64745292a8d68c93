package com.fleetprovisioner.web.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fleetprovisioner.simulator.World;
import com.fleetprovisioner.web.apidocs.ApiContract.Answer;
import com.fleetprovisioner.web.testing.DeviceSeeds;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@link ApiContractIT}'s calls to the billing report and reconciliation operations, over devices of their
 * own: three queued here in company 42, two of them provisioned in November 2026 (billed); in the
 * simulator, one of those two, the queued one and two devices unknown here (companies 42 and 43).
 */
final class ReportCalls {
    private static final String MATCHED = "356938059000001";
    private static final String MISSING = "356938059000002";
    private static final String PENDING = "356938059000003";
    private static final Instant BILLED = Instant.parse("2026-11-05T10:00:00Z");
    private static final String RUNS = "/api/v1/reconciliations";

    private ReportCalls() {
    }

    static void seed(WebTestServer server) {
        DeviceSeeds.queued(server, new TreeMap<>(Map.of(MATCHED, 42, MISSING, 42, PENDING, 42)));
        DeviceSeeds.provisioned(server, BILLED, MATCHED, MISSING);
        Instant now = Instant.now();
        for (String id : List.of(MATCHED, PENDING, "356938059100001", "356938059100002")) {
            server.simulator().world().putProvider(new World.StoredProvider(id, id.endsWith("2") ? 43 : 42, "calamp",
                    null, null, null, null, false, now, now, 1));
        }
    }

    static void billing(ApiContract api, String viewer) {
        Optional<String> token = Optional.of(viewer);
        Answer totals = api.call("GET", "/api/v1/billing?month=2026-11", List.of(), token, Optional.empty());
        assertThat(totals.json().get("devices").asLong()).isEqualTo(2);
        assertThat(totals.json().get("companies").get(0).get("company").asLong()).isEqualTo(42);
        assertThat(api.call("GET", "/api/v1/billing", List.of(), token, Optional.empty()).status())
                .as("no month: this month").isEqualTo(200);

        Answer first = api.call("GET", "/api/v1/billing/rows?month=2026-11&company=42&limit=1", List.of(), token,
                Optional.empty());
        assertThat(first.json().get("rows").get(0).get("providerId").asText()).isIn(MATCHED, MISSING);
        Answer second = api.call("GET", first.json().get("next").asText(), List.of(), token, Optional.empty());
        assertThat(second.json().get("rows")).hasSize(1);
        assertThat(second.json().get("next").isNull()).isTrue();

        // hostile: no month, a control character, a huge value, a damaged cursor, a limit out of range
        for (String query : List.of("billing?month=2026-13", "billing?month=2026-11%00", "billing?month=" + "9".repeat(2000),
                "billing/rows?month=2026-11&company=abc", "billing/rows?month=2026-11&limit=1001",
                "billing/rows?month=2026-11&limit=0")) {
            assertThat(api.callBreaking("GET", "/api/v1/" + query, List.of(), token, Optional.empty()).status())
                    .as(query).isEqualTo(422);
        }
        assertThat(api.call("GET", "/api/v1/billing/rows?month=2026-11&cursor=garbage", List.of(), token,
                Optional.empty()).json().get("fields").has("cursor")).isTrue();
    }

    /** A run started, refused, read while queued, executed as a worker does, paged and imported. */
    static void reconciliations(ApiContract api, WebTestServer server, String viewer, String operator)
            throws InterruptedException {
        Optional<String> reader = Optional.of(viewer);
        Optional<String> starter = Optional.of(operator);
        Answer started = api.call("POST", RUNS, List.of(), starter, Optional.of("{\"company\": 42}"));
        assertThat(started.status()).isEqualTo(202);
        long id = started.json().get("id").asLong();
        assertThat(started.headers().get("location")).containsExactly(RUNS + "/" + id);
        assertThat(api.call("POST", RUNS, List.of(), starter, Optional.of("{\"company\": 999}")).json()
                .get("fields").has("company")).as("a company the account cannot see").isTrue();
        for (String body : List.of("{\"company\": \"42\"}", "{\"company\": 0}", "{\"company\": 4.2}", "{}", "[]",
                "{\"company\": \"\\u0000\\r\\n\"}")) {
            assertThat(api.callBreaking("POST", RUNS, List.of(), starter, Optional.of(body)).status()).as(body)
                    .isEqualTo(422);
        }
        assertThat(api.callBreaking("POST", RUNS, List.of(), starter, Optional.of("{\"company\": ")).status())
                .isEqualTo(400);

        String run = RUNS + "/{id}";
        assertThat(api.call("GET", run, List.of(id), reader, Optional.empty()).json().get("state").asText())
                .isEqualTo("queued");
        assertThat(api.call("POST", run + "/import", List.of(id), starter, Optional.empty()).json().get("fields")
                .has("run")).as("a queued run has nothing to import yet").isTrue();
        server.runReconciliation(id);
        JsonNode done = api.call("GET", run, List.of(id), reader, Optional.empty()).json();
        assertThat(done.get("state").asText()).isEqualTo("completed");
        assertThat(done.get("counts").toString()).isEqualTo("{\"matched\":1,\"missingInFleetFreedom\":1,"
                + "\"unknownHere\":2,\"companyMismatch\":0,\"pendingHere\":1}");

        Answer page = api.call("GET", run + "/rows?category=unknownHere&size=1", List.of(id), reader, Optional.empty());
        assertThat(page.json().get("rows").get(0).get("providerId").asText()).isEqualTo("356938059100001");
        Answer rest = api.call("GET", page.json().get("next").asText().replace(RUNS + "/" + id, run), List.of(id), reader,
                Optional.empty());
        assertThat(rest.json().get("rows").get(0).get("companyThere").asLong()).isEqualTo(43);
        assertThat(rest.json().get("next").isNull()).isTrue();
        for (String query : List.of("", "?category=bogus", "?category=matched%00", "?category=MATCHED")) {
            assertThat(api.callBreaking("GET", run + "/rows" + query, List.of(id), reader, Optional.empty()).status())
                    .as(query).isEqualTo(422);
        }
        for (String size : List.of("0", "1001", "99999999999")) {
            assertThat(api.callBreaking("GET", run + "/rows?category=matched&size=" + size, List.of(id), reader,
                    Optional.empty()).status()).as(size).isEqualTo(400);
        }

        Answer imported = api.call("POST", run + "/import", List.of(id), starter, Optional.empty());
        assertThat(imported.json().get("devices").asLong()).isEqualTo(2);
        assertThat(api.call("POST", run + "/import", List.of(id), starter, Optional.empty()).status())
                .as("nothing left to import").isEqualTo(422);
        for (String template : List.of(run, run + "/rows?category=matched", run + "/import")) {
            String method = template.endsWith("import") ? "POST" : "GET";
            Optional<String> token = method.equals("POST") ? starter : reader;
            assertThat(api.call(method, template, List.of(999_999), token, Optional.empty()).status()).isEqualTo(404);
            assertThat(api.callBreaking(method, template, List.of("99999999999999999999"), token, Optional.empty())
                    .status()).isEqualTo(422);
        }
    }
}
