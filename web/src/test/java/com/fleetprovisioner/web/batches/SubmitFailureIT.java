package com.fleetprovisioner.web.batches;

import static com.fleetprovisioner.db.jooq.Tables.AUDIT_LOG;
import static com.fleetprovisioner.db.jooq.Tables.BATCH_ROW;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A submit that fails for a reason of ours, on the real server: the preview form and the API say that
 * nothing was queued and the batch is still a draft, with the error id the log and the audit hold; the
 * same batch then submits.
 */
class SubmitFailureIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ERROR_ID = Pattern.compile("quote error id ([A-Za-z0-9_-]+)\\.");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theFormAndTheApiSayNothingWasQueuedAndTheBatchStaysADraft(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            String csv = "IMEI,Kind,Company\n" + IntakeFiles.imei(31) + ",genx,42\n" + IntakeFiles.imei(32) + ",genx,42\n";
            HttpResponse<String> upload = operator.postFile("/batches/new", Optional.empty(), Map.of(), "devices.csv",
                    IntakeFiles.csv(csv));
            assertThat(upload.statusCode()).isEqualTo(303);
            long batchId = Long.parseLong(upload.headers().firstValue("Location").orElseThrow().replaceAll("\\D+", " ").trim()
                    .split(" ")[0]);
            // a stored row the submit cannot use, as a bug could leave it: its second device fails
            DatabaseFixture.dsl(server.database()).update(BATCH_ROW).setNull(BATCH_ROW.KIND)
                    .where(BATCH_ROW.BATCH_ID.eq(batchId)).and(BATCH_ROW.ROW_NUMBER.eq(3)).execute();

            HttpResponse<String> form = operator.postFormWithCsrf("/batches/" + batchId + "/submit", Map.of());
            assertThat(form.statusCode()).isEqualTo(500);
            assertThat(form.body()).contains("Submitting failed: nothing was queued and batch " + batchId
                    + " is still a draft. Submit it again; if it fails again, quote error id ");
            Matcher formError = ERROR_ID.matcher(form.body());
            assertThat(formError.find()).isTrue();
            assertThat(form.body()).contains("id=\"submit-batch\"").as("the submit button is still offered");

            String token = server.services().tokens().issue(Actor.system(), server.user(Role.OPERATOR), "api").rawToken();
            HttpResponse<String> api = server.client().send("POST", "/api/v1/batches/" + batchId + "/submit",
                    Optional.of(token), Optional.of("{}"));
            assertThat(api.statusCode()).isEqualTo(500);
            JsonNode answer = JSON.readTree(api.body());
            assertThat(answer.get("state").asText()).isEqualTo("draft");
            assertThat(answer.get("devicesQueued").asInt()).isZero();
            assertThat(answer.get("errorId").asText()).isNotBlank().isNotEqualTo(formError.group(1));
            assertThat(answer.get("message").asText()).contains("nothing was queued", answer.get("errorId").asText());

            assertThat(DatabaseFixture.dsl(server.database()).fetchCount(DEVICE)).isZero();
            assertThat(server.enqueued()).isEmpty();
            assertThat(DatabaseFixture.dsl(server.database()).select(AUDIT_LOG.DETAILS).from(AUDIT_LOG)
                    .where(AUDIT_LOG.ACTION.eq("batch.submit.failed")).fetch(AUDIT_LOG.DETAILS))
                    .hasSize(2).anySatisfy(d -> assertThat(d).contains("errorId=" + formError.group(1)));

            DatabaseFixture.dsl(server.database()).update(BATCH_ROW).set(BATCH_ROW.KIND, "genx")
                    .where(BATCH_ROW.BATCH_ID.eq(batchId)).and(BATCH_ROW.ROW_NUMBER.eq(3)).execute();
            HttpResponse<String> again = operator.postFormWithCsrf("/batches/" + batchId + "/submit", Map.of());
            assertThat(again.statusCode()).isEqualTo(303);
            assertThat(again.headers().firstValue("Location")).contains("/batches/" + batchId);
            assertThat(DatabaseFixture.dsl(server.database()).fetchCount(DEVICE)).isEqualTo(2);
        }
    }
}
