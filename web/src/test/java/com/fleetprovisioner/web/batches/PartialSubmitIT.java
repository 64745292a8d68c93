package com.fleetprovisioner.web.batches;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.RowFilter;
import com.fleetprovisioner.core.intake.IntakeRow;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Submitting only the valid rows (and warned rows named one by one) through the API, on H2 and PostgreSQL. */
class PartialSubmitIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theValidAndAcknowledgedRowsAreSubmittedAndTheRestStayInTheDraft(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            String token = server.services().tokens().issue(Actor.system(), server.user(Role.OPERATOR), "api").rawToken();
            TestClient client = server.client();
            String file = "IMEI,Kind,Company\n" + IntakeFiles.imei(61) + ",genx,42\n356938035643808,genx,42\n"
                    + IntakeFiles.imei(62) + ",genx,43\n356938035643807,genx,42\n" + IntakeFiles.imei(63) + ",nope,42\n";
            HttpResponse<String> upload = client.postFile("/api/v1/batches", Optional.of(token), Map.of(), "mixed.csv",
                    IntakeFiles.csv(file));
            long draft = JSON.readTree(upload.body()).path("batchId").asLong();

            for (String bad : new String[] {"{\"part\":\"valid\",\"acknowledgeRows\":\"3\"}",
                    "{\"part\":\"valid\",\"acknowledgeRows\":[\"x\"]}", "{\"part\":\"valid\",\"acknowledgeRows\":[-1]}"}) {
                HttpResponse<String> refused = client.send("POST", "/api/v1/batches/" + draft + "/submit", Optional.of(token),
                        Optional.of(bad));
                assertThat(refused.statusCode()).as(bad).isEqualTo(422);
                assertThat(refused.body()).contains("acknowledgeRows");
            }
            assertThat(server.services().intake().batch(draft).counts().total()).isEqualTo(5);

            HttpResponse<String> part = client.send("POST", "/api/v1/batches/" + draft + "/submit", Optional.of(token),
                    Optional.of("{\"part\":\"valid\",\"acknowledgeRows\":[3]}"));
            assertThat(part.statusCode()).as(part.body()).isEqualTo(200);
            JsonNode answer = JSON.readTree(part.body());
            assertThat(answer.path("devicesQueued").asInt()).isEqualTo(3);
            assertThat(answer.path("draftBatchId").asLong()).isEqualTo(draft);
            assertThat(answer.path("rowsLeft").asInt()).isEqualTo(2);
            long submitted = answer.path("batchId").asLong();
            assertThat(server.services().intake().batch(submitted).state()).isNotEqualTo(Batch.State.DRAFT);

            Batch left = server.services().intake().batch(draft);
            assertThat(left.state()).isEqualTo(Batch.State.DRAFT);
            assertThat(left.counts()).isEqualTo(new Batch.Counts(2, 0, 1, 1, 0, 0));
            assertThat(server.services().intake().page(draft, RowFilter.ALL, 1, 10)).extracting(IntakeRow::rowNumber)
                    .containsExactly(5, 6);
            assertThat(IntakeIT.queued(server)).containsExactlyInAnyOrder(IntakeFiles.imei(61), IntakeFiles.imei(62),
                    "356938035643808");

            HttpResponse<String> nothing = client.send("POST", "/api/v1/batches/" + draft + "/submit", Optional.of(token),
                    Optional.of("{\"part\":\"valid\"}"));
            assertThat(nothing.statusCode()).isEqualTo(422);
            assertThat(nothing.body()).contains("nothing to submit");
            assertThat(server.services().intake().batch(draft).counts().total()).isEqualTo(2);
            HttpResponse<String> notDraft = client.send("POST", "/api/v1/batches/" + submitted + "/submit",
                    Optional.of(token), Optional.of("{\"part\":\"valid\"}"));
            assertThat(notDraft.statusCode()).isEqualTo(422);
            assertThat(notDraft.body()).contains("only a draft can be submitted in part");
        }
    }
}
