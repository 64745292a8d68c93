package com.fleetprovisioner.web.batches;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.device.DashboardFixtures;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchListPageIT {
    private static final Pattern ROW = Pattern.compile("data-batch=\"(\\d+)\"");

    private WebTestServer server;
    private Instant now;
    private long trucks;
    private long draft;

    @BeforeEach
    void start() {
        server = WebTestServer.start(DatabaseKind.H2);
        now = server.clock().instant();
        var dsl = DatabaseFixture.dsl(server.database());
        long operator = server.user(Role.OPERATOR).id();
        long admin = server.user(Role.ADMIN).id();
        trucks = DashboardFixtures.batch(dsl, operator, "submitted", Optional.of("Trucks-November.csv"), now.minus(Duration.ofDays(2)));
        dsl.update(BATCH).set(BATCH.ROWS_TOTAL, 5).set(BATCH.ROWS_VALID, 3).set(BATCH.ROWS_ERROR, 2)
                .where(BATCH.ID.eq(trucks)).execute();
        DashboardFixtures.devices(dsl, trucks, operator, now, List.of("356938035643809", "490154203237518", "352099001761481"));
        DashboardFixtures.provisioned(dsl, "356938035643809", now);
        draft = DashboardFixtures.batch(dsl, admin, "draft", Optional.of("vans.xlsx"), now.minus(Duration.ofDays(1)));
        for (int i = 0; i < 26; i++) {
            DashboardFixtures.batch(dsl, admin, "completed", Optional.of("bulk-" + i + ".csv"), now.minus(Duration.ofDays(10 + i)));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listsNewestFirstWithProgressAndPagesByKeyset() {
        TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
        HttpResponse<String> first = viewer.get("/batches");
        assertThat(first.statusCode()).isEqualTo(200);
        List<Long> firstIds = ids(first.body());
        assertThat(firstIds).as("drafts are listed apart, not among the batches").hasSize(25).startsWith(trucks)
                .doesNotContain(draft);
        assertThat(first.body()).contains("data-draft=\"" + draft + "\"").contains("href=\"/batches/" + draft + "/preview\"").contains("Trucks-November.csv")
                .contains("33 % (1 of 3 finished)").contains("href=\"/batches/" + trucks + "/problems.csv\"");
        Matcher next = Pattern.compile("href=\"(/batches\\?after=[^\"]+)\"").matcher(first.body());
        assertThat(next.find()).as("a next-page link").isTrue();
        List<Long> secondIds = ids(viewer.get(next.group(1).replace("&amp;", "&")).body());
        assertThat(secondIds).hasSize(2).doesNotContainAnyElementsOf(firstIds);
        List<Long> all = new ArrayList<>(firstIds);
        all.addAll(secondIds);
        assertThat(all).hasSize(27).doesNotHaveDuplicates();
        assertThat(ids(viewer.get("/batches?state=draft").body())).as("the filter still finds drafts").containsExactly(draft);
    }

    @Test
    void filtersByStateSubmitterDatesAndFileName() {
        TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
        assertThat(ids(viewer.get("/batches?state=submitted").body())).containsExactly(trucks);
        assertThat(ids(viewer.get("/batches?submitter=operator").body())).containsExactly(trucks);
        assertThat(ids(viewer.get("/batches?submitter=nobody").body())).isEmpty();
        assertThat(ids(viewer.get("/batches?name=TRUCKS").body())).containsExactly(trucks);
        String day = now.minus(Duration.ofDays(2)).atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        assertThat(ids(viewer.get("/batches?from=" + day + "&to=" + day).body())).containsExactly(trucks);
        HttpResponse<String> none = viewer.get("/batches?state=cancelled");
        assertThat(none.body()).contains("No batch matches these filters.");
        assertThat(none.body()).as("the form keeps what was chosen").contains("<option value=\"cancelled\" selected=\"selected\"");
    }

    @Test
    void badFilterValuesAnswer422WithTheFormAndAClearMessage() {
        TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
        HttpResponse<String> badState = viewer.get("/batches?state=exploded");
        assertThat(badState.statusCode()).isEqualTo(422);
        assertThat(badState.body()).contains("Choose a state from the list.").contains("aria-invalid=\"true\"");
        HttpResponse<String> badDate = viewer.get("/batches?from=27.11.2026");
        assertThat(badDate.statusCode()).isEqualTo(422);
        assertThat(badDate.body()).contains("Use a date like 2026-11-27 (year-month-day).").contains("value=\"27.11.2026\"");
        HttpResponse<String> backwards = viewer.get("/batches?from=2026-11-27&to=2026-11-01");
        assertThat(backwards.statusCode()).isEqualTo(422);
        assertThat(backwards.body()).contains("The end date is before the start date.");
        HttpResponse<String> badCursor = viewer.get("/batches?after=not-a-cursor");
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(badCursor.body()).contains("This page link is damaged");
    }

    @Test
    void theBatchPageOffersTheProblemsDownloadAndShowsViewersNoControls() {
        String viewerPage = server.client().signedIn("viewer", WebTestServer.PASSWORD).get("/batches/" + trucks).body();
        assertThat(viewerPage).contains("id=\"download-problems\"").contains("href=\"/batches/" + trucks + "/problems.csv\"")
                .contains("Trucks-November.csv").contains("id=\"batch-eta\"").contains("id=\"batch-rate\"")
                .doesNotContain("/pause\"").doesNotContain("/resume\"").doesNotContain("/cancel\"")
                .doesNotContain("/requeue-failed\"").doesNotContain("id=\"controls-heading\"");
        String operatorPage = server.client().signedIn("operator", WebTestServer.PASSWORD).get("/batches/" + trucks).body();
        assertThat(operatorPage).contains("action=\"/batches/" + trucks + "/pause\"")
                .contains("href=\"/batches/" + trucks + "/cancel\"")
                .containsPattern("href=\"/batches/" + trucks + "/requeue-failed\"[^>]*>");
        long clean = DashboardFixtures.batch(DatabaseFixture.dsl(server.database()), server.user(Role.OPERATOR).id(), "submitted",
                Optional.empty(), now);
        assertThat(server.client().signedIn("viewer", WebTestServer.PASSWORD).get("/batches/" + clean).body())
                .doesNotContain("download-problems").contains("(entered by hand)");
    }

    @Test
    void etaIsHoursMinutesAndSeconds() {
        assertThat(BatchController.eta(Optional.empty())).isEqualTo("—");
        assertThat(BatchController.eta(Optional.of(Duration.ofSeconds(3_725)))).isEqualTo("1:02:05");
        assertThat(BatchController.eta(Optional.of(Duration.ZERO))).isEqualTo("0:00:00");
    }

    private static List<Long> ids(String body) {
        List<Long> ids = new ArrayList<>();
        Matcher m = ROW.matcher(body);
        while (m.find()) {
            ids.add(Long.valueOf(m.group(1)));
        }
        return ids;
    }
}
