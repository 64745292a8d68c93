package com.fleetprovisioner.web.apidocs;

import static com.fleetprovisioner.db.jooq.Tables.BATCH_ROW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.apidocs.ApiContract.Answer;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.WebTestServer;
import io.swagger.v3.oas.models.Operation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every operation of the API description, called for real on a real server and database: each
 * request and each answer is checked against the document, and every answer the document lists
 * (success and error) is met at least once — a described answer the server never gives fails, as
 * does an answer it gives that is not described. Hostile inputs stand beside the valid ones.
 */
class ApiContractIT {
    private static final String CSV = "IMEI,Kind,Company\n" + IntakeFiles.imei(1) + ",genx,42\n12345,genx,42\n"
            + IntakeFiles.imei(2) + ",genx,42\n";

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyDocumentedAnswerIsMetAndMatchesTheDescription(DatabaseKind kind) throws InterruptedException {
        try (WebTestServer server = WebTestServer.start(kind)) {
            ApiContract api = ApiContract.against(server.client());
            Tokens tokens = tokens(api);
            intake(api, server, tokens.operator());
            long batch = submitted(api, tokens.operator());
            batchControl(api, tokens, batch);
            devices(api, tokens, batch);
            pipeline(api, tokens);
            ReportCalls.seed(server);
            ReportCalls.billing(api, tokens.viewer());
            ReportCalls.reconciliations(api, server, tokens.viewer(), tokens.operator());
            refusals(api, tokens);
            throttle(api);

            assertThat(api.met()).as("answers met").isEqualTo(api.documented());
        }
    }

    private record Tokens(String viewer, String operator, String admin) {
        String forRole(String role) {
            return switch (role) {
                case "viewer" -> viewer;
                case "operator" -> operator;
                default -> admin;
            };
        }
    }

    private static Tokens tokens(ApiContract api) {
        Answer created = api.call("POST", "/api/v1/tokens", List.of(), Optional.empty(), Optional.of(
                "{\"username\":\"operator\",\"password\":\"" + WebTestServer.PASSWORD + "\",\"name\":\"contract\",\"expiresInDays\":30}"));
        assertThat(created.status()).isEqualTo(201);
        Answer forever = api.call("POST", "/api/v1/tokens", List.of(), Optional.empty(), Optional.of(
                "{\"username\":\"admin\",\"password\":\"" + WebTestServer.PASSWORD + "\",\"expiresInDays\":\"never\"}"));
        assertThat(forever.json().get("expiresAt").isNull()).isTrue();
        Answer viewer = api.call("POST", "/api/v1/tokens", List.of(), Optional.empty(), Optional.of(
                "{\"username\":\"viewer\",\"password\":\"" + WebTestServer.PASSWORD + "\"}"));
        Tokens tokens = new Tokens(viewer.json().get("token").asText(), created.json().get("token").asText(),
                forever.json().get("token").asText());

        Answer mine = api.call("GET", "/api/v1/tokens", List.of(), Optional.of(tokens.viewer()), Optional.empty());
        assertThat(mine.json().get("tokens")).hasSize(1);
        assertThat(api.call("GET", "/api/v1/tokens", List.of(), Optional.of(tokens.admin()), Optional.empty()).json()
                .get("tokens")).hasSize(3);
        assertThat(api.call("GET", "/api/v1/me", List.of(), Optional.of(tokens.operator()), Optional.empty()).json()
                .get("role").asText()).isEqualTo("operator");

        api.call("POST", "/api/v1/tokens", List.of(), Optional.empty(), Optional.of(
                "{\"username\":\"viewer\",\"password\":\"" + WebTestServer.PASSWORD + "\",\"name\":\"spare\"}"));
        long spare = api.call("GET", "/api/v1/tokens", List.of(), Optional.of(tokens.viewer()), Optional.empty()).json()
                .get("tokens").findParents("name").stream().filter(t -> t.get("name").asText().equals("spare"))
                .mapToLong(t -> t.get("id").asLong()).findFirst().orElseThrow();
        assertThat(api.call("DELETE", "/api/v1/tokens/{id}", List.of(spare), Optional.of(tokens.viewer()), Optional.empty())
                .status()).isEqualTo(204);
        assertThat(api.call("DELETE", "/api/v1/tokens/{id}", List.of(999_999), Optional.of(tokens.viewer()), Optional.empty())
                .status()).isEqualTo(404);
        // someone else's token is as absent as a missing one
        long operatorsToken = api.call("GET", "/api/v1/tokens", List.of(), Optional.of(tokens.operator()), Optional.empty())
                .json().get("tokens").get(0).get("id").asLong();
        assertThat(api.call("DELETE", "/api/v1/tokens/{id}", List.of(operatorsToken), Optional.of(tokens.viewer()),
                Optional.empty()).status()).isEqualTo(404);
        assertThat(api.callBreaking("DELETE", "/api/v1/tokens/{id}", List.of("99999999999999999999"),
                Optional.of(tokens.viewer()), Optional.empty()).status()).isEqualTo(400);
        return tokens;
    }

    private static void intake(ApiContract api, WebTestServer server, String operator) {
        Answer preview = api.upload("/api/v1/batches", operator, Map.of("defaultKind", "genx"), "vans.csv",
                IntakeFiles.csv(CSV), true);
        assertThat(preview.status()).isEqualTo(201);
        assertThat(preview.json().get("totals").get("errors").asInt()).isEqualTo(1);
        long draft = preview.json().get("batchId").asLong();

        assertThat(api.call("GET", "/api/v1/batches/{id}/rows", List.of(draft), Optional.of(operator), Optional.empty())
                .json().get("rows")).hasSize(3);
        assertThat(api.call("GET", "/api/v1/batches/{id}/rows?errors=true", List.of(draft), Optional.of(operator),
                Optional.empty()).json().get("rows")).hasSize(1);
        Answer huge = api.call("GET", "/api/v1/batches/{id}/rows?problems=true&page=2147483647&size=2147483647",
                List.of(draft), Optional.of(operator), Optional.empty());
        assertThat(huge.json().get("size").asInt()).isEqualTo(1000);
        assertThat(huge.json().get("rows")).isEmpty();
        assertThat(api.call("GET", "/api/v1/batches/{id}/rows", List.of(999_999), Optional.of(operator), Optional.empty())
                .status()).isEqualTo(404);
        assertThat(api.callBreaking("GET", "/api/v1/batches/{id}/rows?page=99999999999", List.of(draft),
                Optional.of(operator), Optional.empty()).status()).isEqualTo(400);

        String odd = "Tracker IMEI,Device Type,Customer No\n" + IntakeFiles.imei(3) + ",genx,42\n";
        Answer unmapped = api.upload("/api/v1/batches", operator, Map.of(), "odd.csv", IntakeFiles.csv(odd), true);
        assertThat(unmapped.status()).isEqualTo(422);
        assertThat(unmapped.json().get("fields").get("columns").asText()).contains("mapping");
        assertThat(api.upload("/api/v1/batches", operator,
                Map.of("mapping", "{\"Tracker IMEI\":\"id\",\"Device Type\":\"kind\",\"Customer No\":\"company\"}"),
                "odd.csv", IntakeFiles.csv(odd), true).status()).isEqualTo(201);
        assertThat(api.upload("/api/v1/batches", operator, Map.of("mapping", "{\"2\":\"id\"}", "firstRowIsData", "true",
                "defaultCompany", "42", "defaultKind", "genx"), "bare.csv",
                IntakeFiles.csv("x," + IntakeFiles.imei(4) + "\n"), true).status()).isEqualTo(201);
        // hostile parts: not JSON, a control character, a part far over its limit, an absurd company number
        assertThat(api.upload("/api/v1/batches", operator, Map.of("mapping", "{\"Tracker IMEI\":\u0001}"), "odd.csv",
                IntakeFiles.csv(odd), true).status()).isEqualTo(422);
        assertThat(api.upload("/api/v1/batches", operator, Map.of("mapping", "{\"a\":\"" + "x".repeat(20_000) + "\"}"),
                "odd.csv", IntakeFiles.csv(odd), false).status()).isEqualTo(422);
        assertThat(api.upload("/api/v1/batches", operator, Map.of("defaultCompany", "99999999999999999999999"), "vans.csv",
                IntakeFiles.csv(CSV), true).status()).isEqualTo(422);

        Answer part = api.upload("/api/v1/batches", operator, Map.of(), "part.csv", IntakeFiles.csv(
                "IMEI,Kind,Company\n" + IntakeFiles.imei(5) + ",genx,42\n123,genx,42\n"), true);
        Answer split = api.call("POST", "/api/v1/batches/{id}/submit", List.of(part.json().get("batchId").asLong()),
                Optional.of(operator), Optional.of("{\"part\":\"valid\",\"acknowledgeRows\":[]}"));
        assertThat(split.json().get("rowsLeft").asInt()).isEqualTo(1);
        assertThat(api.call("POST", "/api/v1/batches/{id}/submit", List.of(part.json().get("batchId").asLong()),
                Optional.of(operator), Optional.empty()).status()).as("only the error row is left").isEqualTo(422);

        Answer broken = api.upload("/api/v1/batches", operator, Map.of(), "broken.csv", IntakeFiles.csv(
                "IMEI,Kind,Company\n" + IntakeFiles.imei(6) + ",genx,42\n" + IntakeFiles.imei(7) + ",genx,42\n"), true);
        long brokenId = broken.json().get("batchId").asLong();
        // a stored row the submit cannot use, as a bug could leave it: the submit fails for a reason of ours
        DatabaseFixture.dsl(server.database()).update(BATCH_ROW).setNull(BATCH_ROW.KIND).where(BATCH_ROW.BATCH_ID.eq(brokenId))
                .and(BATCH_ROW.ROW_NUMBER.eq(3)).execute();
        Answer failed = api.call("POST", "/api/v1/batches/{id}/submit", List.of(brokenId), Optional.of(operator),
                Optional.of("{}"));
        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.json().get("state").asText()).isEqualTo("draft");

        Answer single = api.call("POST", "/api/v1/devices", List.of(), Optional.of(operator),
                Optional.of("{\"id\":\"" + IntakeFiles.imei(8) + "\",\"kind\":\"genx\",\"company\":42,\"name\":\"Van 8\"}"));
        assertThat(single.status()).isEqualTo(201);
        Answer refused = api.call("POST", "/api/v1/devices", List.of(), Optional.of(operator),
                Optional.of("{\"id\":\"12345\",\"kind\":\"genx\",\"company\":\"42\",\"name\":\"Van\\u0007 \\u0000\"}"));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(api.callBreaking("POST", "/api/v1/devices", List.of(), Optional.of(operator), Optional.of("{\"id\":"))
                .status()).isEqualTo(400);
    }

    /** A draft of three rows (one with an error) submitted through the API: its id. */
    private static long submitted(ApiContract api, String operator) {
        String csv = "IMEI,Kind,Company\n" + IntakeFiles.imei(11) + ",genx,42\n" + IntakeFiles.imei(12) + ",genx,42\n"
                + "999,genx,42\n";
        long draft = api.upload("/api/v1/batches", operator, Map.of(), "run.csv", IntakeFiles.csv(csv), true).json()
                .get("batchId").asLong();
        Answer queued = api.call("POST", "/api/v1/batches/{id}/submit", List.of(draft), Optional.of(operator),
                Optional.of("{\"acknowledgeWarnings\":true}"));
        assertThat(queued.json().get("devicesQueued").asInt()).isEqualTo(2);
        assertThat(api.call("POST", "/api/v1/batches/{id}/submit", List.of(draft), Optional.of(operator), Optional.of("{}"))
                .json().get("repeated").asBoolean()).isTrue();
        assertThat(api.call("POST", "/api/v1/batches/{id}/submit", List.of(999_999), Optional.of(operator), Optional.empty())
                .status()).isEqualTo(404);
        assertThat(api.callBreaking("POST", "/api/v1/batches/{id}/submit", List.of(draft), Optional.of(operator),
                Optional.of("{\"part\":\"valid\",\"acknowledgeRows\":\"all\"}")).status()).isEqualTo(422);
        assertThat(api.callBreaking("POST", "/api/v1/batches/{id}/submit", List.of(draft), Optional.of(operator),
                Optional.of("{\"acknowledgeWarnings\":")).status()).isEqualTo(400);
        return draft;
    }

    private static void batchControl(ApiContract api, Tokens tokens, long batch) {
        Optional<String> operator = Optional.of(tokens.operator());
        assertThat(api.call("GET", "/api/v1/batches/{id}", List.of(batch), Optional.of(tokens.viewer()), Optional.empty())
                .json().get("total").asLong()).isEqualTo(2);
        assertThat(api.call("POST", "/api/v1/batches/{id}/pause", List.of(batch), operator, Optional.empty()).json()
                .get("paused").asBoolean()).isTrue();
        assertThat(api.call("POST", "/api/v1/batches/{id}/resume", List.of(batch), operator, Optional.empty()).json()
                .get("paused").asBoolean()).isFalse();
        assertThat(api.call("POST", "/api/v1/batches/{id}/cancel", List.of(batch), operator, Optional.empty()).json()
                .get("cancelled").asInt()).isEqualTo(2);
        for (String action : List.of("pause", "resume", "cancel")) {
            String template = "/api/v1/batches/{id}/" + action;
            assertThat(api.call("POST", template, List.of(batch), operator, Optional.empty()).status())
                    .as(action + " of a cancelled batch").isEqualTo(422);
        }
        for (String action : List.of("", "/pause", "/resume", "/cancel", "/requeue-failed", "/requeue-cancelled")) {
            String template = "/api/v1/batches/{id}" + action;
            String method = action.isEmpty() ? "GET" : "POST";
            assertThat(api.call(method, template, List.of(999_999), operator, Optional.empty()).status()).isEqualTo(404);
            assertThat(api.callBreaking(method, template, List.of("9x"), operator, Optional.empty()).status())
                    .isEqualTo(422);
        }
    }

    private static void devices(ApiContract api, Tokens tokens, long batch) {
        Optional<String> operator = Optional.of(tokens.operator());
        Answer device = api.call("GET", "/api/v1/devices/{providerId}", List.of(IntakeFiles.imei(11)),
                Optional.of(tokens.viewer()), Optional.empty());
        assertThat(device.json().get("state").asText()).isEqualTo("cancelled");
        long id = device.json().get("id").asLong();
        assertThat(api.call("POST", "/api/v1/devices/{id}/requeue", List.of(id), operator, Optional.empty()).json()
                .get("state").asText()).isEqualTo("queued");
        assertThat(api.call("POST", "/api/v1/devices/{id}/requeue", List.of(id), operator, Optional.empty()).status())
                .as("a queued device is not requeued").isEqualTo(422);
        assertThat(api.call("POST", "/api/v1/devices/{id}/requeue", List.of(999_999), operator, Optional.empty()).status())
                .isEqualTo(404);
        assertThat(api.call("GET", "/api/v1/devices/{providerId}", List.of("%01" + "9".repeat(500)), operator,
                Optional.empty()).status()).isEqualTo(404);
        assertThat(api.call("POST", "/api/v1/batches/{id}/requeue-cancelled", List.of(batch), operator, Optional.empty())
                .json().get("requeued").asInt()).isEqualTo(1);
        assertThat(api.call("POST", "/api/v1/batches/{id}/requeue-failed", List.of(batch), operator, Optional.empty())
                .json().get("requeued").asInt()).isZero();
    }

    private static void pipeline(ApiContract api, Tokens tokens) {
        assertThat(api.call("GET", "/api/v1/pipeline", List.of(), Optional.of(tokens.viewer()), Optional.empty()).json()
                .get("state").asText()).isEqualTo("RUNNING");
        assertThat(api.call("POST", "/api/v1/pipeline/resume", List.of(), Optional.of(tokens.admin()), Optional.empty())
                .json().get("state").asText()).isEqualTo("RUNNING");
        assertThat(api.call("GET", "/api/openapi.json", List.of(), Optional.empty(), Optional.empty()).json()
                .get("openapi").asText()).startsWith("3.");
    }

    /** Every operation that needs a token: none gets 401; a role below the one it names gets 403. */
    private static void refusals(ApiContract api, Tokens tokens) {
        api.model().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String role = role(op);
            if (role.equals("public")) {
                return;
            }
            List<Object> params = path.chars().filter(c -> c == '{').mapToObj(c -> (Object) 1).toList();
            Optional<String> body = method.name().equals("GET") || method.name().equals("DELETE") ? Optional.empty()
                    : Optional.of("{}");
            assertThat(api.callBreaking(method.name(), path, params, Optional.empty(), body).status()).isEqualTo(401);
            assertThat(api.refused(method.name(), path, params, Optional.of("fpt_" + "A".repeat(4000)), body).status())
                    .isEqualTo(401);
            String below = role.equals("admin") ? "operator" : role.equals("operator") ? "viewer" : "";
            if (!below.isEmpty()) {
                assertThat(api.refused(method.name(), path, params, Optional.of(tokens.forRole(below)), body).status()).as(method + " " + path + " as " + below).isEqualTo(403);
            }
        }));
    }

    /** Refused token requests, ending with the sign-in throttle (last: it holds this address for a while). */
    private static void throttle(ApiContract api) {
        assertThat(api.callBreaking("POST", "/api/v1/tokens", List.of(), Optional.empty(), Optional.of("{")).status())
                .isEqualTo(400);
        assertThat(api.callBreaking("POST", "/api/v1/tokens", List.of(), Optional.empty(), Optional.of("{}")).status())
                .isEqualTo(422);
        assertThat(api.callBreaking("POST", "/api/v1/tokens", List.of(), Optional.empty(), Optional.of(
                "{\"username\":\"viewer\",\"password\":\"" + WebTestServer.PASSWORD + "\",\"expiresInDays\":99999999999}"))
                .status()).isEqualTo(422);
        assertThat(api.callBreaking("POST", "/api/v1/tokens", List.of(), Optional.empty(), Optional.of(
                "{\"username\":\"viewer\",\"password\":\"" + WebTestServer.PASSWORD + "\",\"name\":\"" + "\\u0001".repeat(101)
                        + "\"}")).status()).isEqualTo(422);
        int status = 0;
        for (int attempt = 0; attempt < 12 && status != 429; attempt++) {
            Answer wrong = api.call("POST", "/api/v1/tokens", List.of(), Optional.empty(),
                    Optional.of("{\"username\":\"viewer\",\"password\":\"wrong-" + attempt + "\"}"));
            status = wrong.status();
            assertThat(status).isIn(401, 429);
        }
        assertThat(status).as("the throttle answered").isEqualTo(429);
    }

    private static String role(Operation op) {
        Object role = op.getExtensions() == null ? null : op.getExtensions().get("x-role");
        assertThat(role).as(op.getOperationId() + " names its role").isNotNull();
        return role.toString();
    }
}
