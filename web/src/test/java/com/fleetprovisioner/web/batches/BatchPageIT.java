package com.fleetprovisioner.web.batches;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.device.DeviceCounters;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchPageIT {
    private static final String PAUSED_PILL = "class=\"state state-paused\"";
    private WebTestServer server;
    private long batch;

    @BeforeEach
    void start() {
        server = WebTestServer.start(DatabaseKind.H2);
        var dsl = DatabaseFixture.dsl(server.database());
        long user = server.user(Role.OPERATOR).id();
        Instant now = server.clock().instant();
        batch = dsl.insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, now).set(BATCH.SUBMITTED_AT, now)
                .set(BATCH.UPDATED_AT, now).returning(BATCH.ID).fetchOne(BATCH.ID);
        List<NewDevice> devices = List.of("356938035643809", "490154203237518", "352099001761481", "012345678901237").stream()
                .map(id -> new NewDevice(id, "calamp", 42, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), batch, Optional.empty(), user)).toList();
        new JooqDeviceIntake(dsl).insertQueued(devices, now);
        dsl.update(DEVICE).set(DEVICE.STATE, "provisioned").set(DEVICE.BILLING_STARTED_AT, now)
                .where(DEVICE.PROVIDER_ID.eq("356938035643809")).execute();
        dsl.update(DEVICE).set(DEVICE.STATE, "failed").set(DEVICE.LAST_ERROR_MESSAGE, "The company does not exist")
                .where(DEVICE.PROVIDER_ID.in("490154203237518", "352099001761481")).execute();
        new DeviceCounters(dsl).recount();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void viewersSeeProgressPerStateButNoControls() throws Exception {
        TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
        String page = viewer.get("/batches/" + batch).body();
        assertThat(page).contains("data-count=\"provisioned\">1<").contains("data-count=\"failed\">2<")
                .contains("data-count=\"queued\">1<").contains("75 %").doesNotContain("requeue-failed\"")
                .doesNotContain("type=\"checkbox\"");
        JsonNode progress = new ObjectMapper().readTree(viewer.get("/batches/" + batch + "/progress").body());
        assertThat(progress.get("total").asLong()).isEqualTo(4);
        assertThat(progress.get("remaining").asLong()).isEqualTo(1);
        assertThat(viewer.postFormWithCsrf("/batches/" + batch + "/pause", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.get("/batches/new").statusCode()).as("the upload form keeps its address").isEqualTo(403);
    }

    @Test
    void operatorsPauseResumeRequeueSelectedAndCancel() {
        TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
        assertThat(operator.get("/batches/new").body()).contains("type=\"file\"");

        operator.postFormWithCsrf("/batches/" + batch + "/pause", Map.of());
        assertThat(operator.get("/batches/" + batch).body()).contains(PAUSED_PILL);
        operator.postFormWithCsrf("/batches/" + batch + "/resume", Map.of());
        assertThat(operator.get("/batches/" + batch).body()).doesNotContain(PAUSED_PILL);

        long failedId = DatabaseFixture.dsl(server.database()).select(DEVICE.ID).from(DEVICE)
                .where(DEVICE.PROVIDER_ID.eq("490154203237518")).fetchOne(DEVICE.ID);
        long provisionedId = DatabaseFixture.dsl(server.database()).select(DEVICE.ID).from(DEVICE)
                .where(DEVICE.PROVIDER_ID.eq("356938035643809")).fetchOne(DEVICE.ID);
        HttpResponse<String> asked = operator.postFormWithCsrf("/batches/" + batch + "/requeue-selected",
                Map.of("device", Long.toString(failedId)));
        assertThat(asked.statusCode()).as("the selection asks first").isEqualTo(200);
        assertThat(asked.body()).contains("Requeue the selected devices of batch " + batch + "?")
                .contains("1 device will be sent again; each added device is billed.")
                .contains("name=\"devices\" value=\"" + failedId + "\"").contains("name=\"confirm\" value=\"yes\"");
        assertThat(operator.get("/batches/" + batch).body()).as("nothing requeued before confirming")
                .contains("data-count=\"failed\">2<");
        String mixed = operator.postFieldsWithCsrf("/batches/" + batch + "/requeue-selected",
                List.of(Map.entry("device", Long.toString(failedId)), Map.entry("device", Long.toString(provisionedId))))
                .body();
        assertThat(mixed).contains("1 device will be sent again")
                .contains("1 other selected device is not failed or cancelled and stays as it is.");
        operator.postFormWithCsrf("/batches/" + batch + "/requeue-selected", Map.of("device", Long.toString(provisionedId)));
        assertThat(operator.get("/batches/" + batch).body())
                .contains("None of the selected devices is failed or cancelled: nothing was requeued.");
        HttpResponse<String> requeued = operator.postFormWithCsrf("/batches/" + batch + "/requeue-selected",
                Map.of("confirm", "yes", "devices", failedId + ",not-a-number," + provisionedId));
        assertThat(requeued.statusCode()).isEqualTo(303);
        String after = operator.get("/batches/" + batch).body();
        assertThat(after).contains("1 selected device(s) requeued.").contains("data-count=\"failed\">1<")
                .contains("data-count=\"queued\">2<");
        assertThat(server.enqueued()).contains(failedId);

        HttpResponse<String> unconfirmed = operator.postFormWithCsrf("/batches/" + batch + "/cancel", Map.of());
        assertThat(unconfirmed.statusCode()).isEqualTo(303);
        assertThat(unconfirmed.headers().firstValue("Location")).hasValue("/batches/" + batch + "/cancel");
        assertThat(operator.get("/batches/" + batch).body()).as("nothing cancelled without confirming")
                .contains("data-count=\"cancelled\">0<");
        String question = operator.get("/batches/" + batch + "/cancel").body();
        assertThat(question).contains("Cancel batch " + batch + "?").contains("2 devices will not be sent")
                .contains("class=\"destructive\"").contains("name=\"confirm\" value=\"yes\"");
        operator.postFormWithCsrf("/batches/" + batch + "/cancel", Map.of("confirm", "yes"));
        String cancelled = operator.get("/batches/" + batch).body();
        assertThat(cancelled).contains("2 device(s) cancelled").contains("data-count=\"cancelled\">2<");
        assertThat(server.services().audit().recent(10)).extracting(e -> e.action())
                .contains("batch.pause", "batch.resume", "batch.requeue-selected", "batch.cancel");
        assertThat(cancelled).as("an ended batch offers no pause or cancel")
                .containsPattern("data-live=\"control-pause\"[^>]*hidden").containsPattern("id=\"cancel-batch\"[^>]*hidden");
        operator.postFormWithCsrf("/batches/" + batch + "/pause", Map.of());
        assertThat(operator.get("/batches/" + batch).body()).as("the server refuses a pause too")
                .contains("it cannot be paused").doesNotContain(PAUSED_PILL);
    }

    @Test
    void anEmptySelectionIsRefusedAndBulkRequeuesAskWithTheCount() {
        TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
        operator.postFormWithCsrf("/batches/" + batch + "/requeue-selected", Map.of());
        assertThat(operator.get("/batches/" + batch).body())
                .contains("Select at least one failed or cancelled device to requeue.")
                .contains("data-count=\"failed\">2<").contains("data-needs-selection");

        String question = operator.get("/batches/" + batch + "/requeue-failed").body();
        assertThat(question).contains("2 devices will be sent again; each added device is billed.");
        operator.postFormWithCsrf("/batches/" + batch + "/requeue-failed", Map.of());
        assertThat(operator.get("/batches/" + batch).body()).contains("data-count=\"failed\">2<");
        operator.postFormWithCsrf("/batches/" + batch + "/requeue-failed", Map.of("confirm", "yes"));
        assertThat(operator.get("/batches/" + batch).body()).contains("2 failed device(s) requeued.")
                .contains("data-count=\"failed\">0<").contains("data-count=\"queued\">3<");

        operator.postFormWithCsrf("/batches/" + batch + "/cancel", Map.of("confirm", "yes"));
        assertThat(operator.get("/batches/" + batch + "/requeue-cancelled").body())
                .contains("3 devices will be sent again; each added device is billed.");
        operator.postFormWithCsrf("/batches/" + batch + "/requeue-cancelled", Map.of("confirm", "yes"));
        String after = operator.get("/batches/" + batch).body();
        assertThat(after).contains("3 cancelled device(s) requeued.").contains("data-count=\"queued\">3<")
                .contains(">Sending<");
        assertThat(server.services().audit().recent(10)).extracting(e -> e.action()).contains("batch.requeue-cancelled");
    }

    @Test
    void devicesArePagedFiftyAtATimeForwardAndBack() {
        var dsl = DatabaseFixture.dsl(server.database());
        long user = server.user(Role.OPERATOR).id();
        Instant now = server.clock().instant();
        long large = dsl.insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, now).set(BATCH.SUBMITTED_AT, now)
                .set(BATCH.UPDATED_AT, now).returning(BATCH.ID).fetchOne(BATCH.ID);
        List<String> ids = java.util.stream.IntStream.range(0, 120).mapToObj(i -> String.valueOf(356_938_035_100_000L + i)).toList();
        new JooqDeviceIntake(dsl).insertQueued(ids.stream().map(id -> new NewDevice(id, "calamp", 42, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), large, Optional.empty(), user)).toList(), now);
        TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);

        String first = viewer.get("/batches/" + large).body();
        assertThat(shown(first)).isEqualTo(ids.subList(0, 50));
        assertThat(first).doesNotContain("rel=\"prev\"").contains("data-count=\"queued\">120<");
        String second = viewer.get(link(first, "next")).body();
        assertThat(shown(second)).isEqualTo(ids.subList(50, 100));
        String third = viewer.get(link(second, "next")).body();
        assertThat(shown(third)).isEqualTo(ids.subList(100, 120));
        assertThat(third).doesNotContain("rel=\"next\"");
        String back = viewer.get(link(third, "prev")).body();
        assertThat(shown(back)).as("previous from the last page").isEqualTo(ids.subList(50, 100));
        String backAgain = viewer.get(link(back, "prev")).body();
        assertThat(shown(backAgain)).isEqualTo(ids.subList(0, 50));
        assertThat(backAgain).doesNotContain("rel=\"prev\"").contains("rel=\"next\"");
        assertThat(viewer.get("/batches/" + large + "?after=not-a-cursor").body()).as("a bad cursor shows the first page")
                .satisfies(page -> assertThat(shown(page)).isEqualTo(ids.subList(0, 50)));
    }

    private static List<String> shown(String page) {
        var rows = java.util.regex.Pattern.compile("data-device=\"(\\d+)\"").matcher(page);
        List<String> found = new java.util.ArrayList<>();
        while (rows.find()) {
            found.add(rows.group(1));
        }
        return found;
    }

    /** The page's first/previous/next link with this rel, without its fragment. */
    private static String link(String page, String rel) {
        var link = java.util.regex.Pattern.compile("href=\"([^\"#]+)[^\"]*\" rel=\"" + rel + "\"").matcher(page);
        assertThat(link.find()).as("a " + rel + " link").isTrue();
        return link.group(1).replace("&amp;", "&");
    }
}
