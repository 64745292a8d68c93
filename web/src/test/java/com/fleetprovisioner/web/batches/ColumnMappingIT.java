package com.fleetprovisioner.web.batches;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Column mappings through the API and the mapping step's form, remembered per header layout, on H2 and PostgreSQL. */
class ColumnMappingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String ODD = "Tracker IMEI,Device Type,Customer No\n" + IntakeFiles.imei(11) + ",genx,42\n"
            + IntakeFiles.imei(12) + ",calamp,43\n" + IntakeFiles.imei(13) + ",GenX,42\n";
    private static final String MAPPING = "{\"Tracker IMEI\":\"id\",\"Device Type\":\"kind\",\"Customer No\":\"company\"}";

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theApiReadsAnOddHeaderByItsMappingAndRefusesBadMappingsByName(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            String token = server.services().tokens().issue(Actor.system(), server.user(Role.OPERATOR), "api").rawToken();
            TestClient client = server.client();

            HttpResponse<String> without = client.postFile("/api/v1/batches", Optional.of(token), Map.of(), "odd.csv",
                    IntakeFiles.csv(ODD));
            assertThat(without.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(without.body()).path("fields").path("columns").asText()).contains("mapping");

            HttpResponse<String> mapped = client.postFile("/api/v1/batches", Optional.of(token), Map.of("mapping", MAPPING),
                    "odd.csv", IntakeFiles.csv(ODD));
            assertThat(mapped.statusCode()).as(mapped.body()).isEqualTo(201);
            JsonNode body = JSON.readTree(mapped.body());
            assertThat(body.path("totals").path("rows").asInt()).isEqualTo(3);
            assertThat(body.path("totals").path("valid").asInt()).isEqualTo(3);
            assertThat(body.path("problems")).isEmpty();

            Map<String, String> hostile = new LinkedHashMap<>();
            hostile.put("{\"Tracker IMEI\":\"id\",\"Device Type\":\"colour\"}", "\"colour\" is not a field");
            hostile.put("{\"Tracker IMEI\":\"id\",\"Customer No\":\"id\"}", "are both mapped to id");
            hostile.put("{\"1\":\"id\",\"2\":\"kind\",\"9\":\"company\"}", "but the file has 3 columns");
            hostile.put("{\"0\":\"id\"}", "Column number 0 is out of range");
            hostile.put("{\"99999999999\":\"id\"}", "out of range");
            hostile.put("{\"Device Type\":\"kind\"}", "No column is mapped to id");
            hostile.put("[\"id\"]", "must be a JSON object");
            hostile.put("{\"Tracker IMEI\":7}", "maps to a field name in quotes");
            hostile.put("{\"Tracker IMEI\":\"id\",\"Tracker IMEI\":\"kind\"}", "names a column twice");
            hostile.put("{not json", "not valid JSON");
            hostile.put("{\"Serial\":\"id\",\"Device Type\":\"kind\",\"Customer No\":\"company\"}", "no row among the first 20");
            hostile.put("{\"" + "x".repeat(ColumnMappingPart.MAX_BYTES) + "\":\"id\"}", "at most " + ColumnMappingPart.MAX_BYTES);
            for (Map.Entry<String, String> bad : hostile.entrySet()) {
                HttpResponse<String> refused = client.postFile("/api/v1/batches", Optional.of(token),
                        Map.of("mapping", bad.getKey()), "odd.csv", IntakeFiles.csv(ODD));
                assertThat(refused.statusCode()).as(bad.getKey()).isEqualTo(422);
                assertThat(JSON.readTree(refused.body()).path("message").asText()).as(bad.getKey()).contains(bad.getValue());
            }

            HttpResponse<String> headerless = client.postFile("/api/v1/batches", Optional.of(token),
                    Map.of("mapping", "{\"2\":\"id\",\"1\":\"kind\"}", "firstRowIsData", "true", "defaultCompany", "42"),
                    "plain.csv", IntakeFiles.csv("genx," + IntakeFiles.imei(21) + "\ncalamp," + IntakeFiles.imei(22) + "\n"));
            assertThat(headerless.statusCode()).as(headerless.body()).isEqualTo(201);
            assertThat(JSON.readTree(headerless.body()).path("totals").path("valid").asInt()).isEqualTo(2);
            HttpResponse<String> byName = client.postFile("/api/v1/batches", Optional.of(token),
                    Map.of("mapping", "{\"IMEI\":\"id\"}", "firstRowIsData", "true"), "plain.csv", IntakeFiles.csv("a,b\n"));
            assertThat(byName.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(byName.body()).path("message").asText()).contains("name its columns by number");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aConfirmedMappingIsRememberedForItsLayoutAndAProblemsFileLosesItsProblemsColumn(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            HttpResponse<String> upload = operator.postFile("/batches/new", Optional.empty(), Map.of(), "odd.csv",
                    IntakeFiles.csv(ODD));
            assertThat(upload.statusCode()).isEqualTo(303);
            String step = upload.headers().firstValue("Location").orElseThrow();
            assertThat(step).startsWith("/batches/new/columns/");
            String page = operator.get(step).body();
            assertThat(page).contains("Tracker IMEI", IntakeFiles.imei(11), "calamp");

            HttpResponse<String> twoIds = operator.postFormWithCsrf(step, Map.of("field_1", "id", "field_2", "id",
                    "field_3", "company"));
            assertThat(twoIds.statusCode()).isEqualTo(422);
            assertThat(twoIds.body()).contains("are both mapped to id");

            HttpResponse<String> confirmed = operator.postFormWithCsrf(step, Map.of("field_1", "id", "field_2", "kind",
                    "field_3", "company", "rememberMapping", "true"));
            assertThat(confirmed.statusCode()).isEqualTo(303);
            Batch first = batch(server, confirmed);
            assertThat(first.counts().valid()).isEqualTo(3);

            String again = ODD.replace(IntakeFiles.imei(11), IntakeFiles.imei(14)).replace("\n" + IntakeFiles.imei(13) + ",GenX,42", "")
                    + IntakeFiles.imei(15) + ",genx,42,\"Kind: old message\"\n";
            String problemsFile = again.replaceFirst("Customer No", "Customer No,Problems");
            HttpResponse<String> second = operator.postFile("/batches/new", Optional.empty(), Map.of(), "odd-fixed.csv",
                    IntakeFiles.csv(problemsFile));
            assertThat(second.statusCode()).isEqualTo(303);
            assertThat(second.headers().firstValue("Location").orElseThrow()).contains("/preview?columns=");
            Batch remembered = batch(server, second);
            assertThat(remembered.counts().valid()).isEqualTo(3);
            assertThat(remembered.header()).containsExactly("Tracker IMEI", "Device Type", "Customer No");
            assertThat(remembered.noticeTexts()).singleElement().extracting(Text::key).isEqualTo("intake.notice.remembered");
            String preview = operator.get(second.headers().firstValue("Location").orElseThrow()).body();
            assertThat(preview).doesNotContain("old message", "Problems").contains("id=\"change-columns\"");
        }
    }

    private static Batch batch(WebTestServer server, HttpResponse<String> redirect) {
        String location = redirect.headers().firstValue("Location").orElseThrow();
        return server.services().intake().batch(Long.parseLong(location.replaceAll("^/batches/(\\d+)/.*$", "$1")));
    }
}
