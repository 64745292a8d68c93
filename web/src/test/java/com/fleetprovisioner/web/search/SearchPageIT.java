package com.fleetprovisioner.web.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.DeviceSeeds;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SearchPageIT {
    private static WebTestServer server;
    private static TestClient viewer;

    @BeforeAll
    static void start() {
        server = WebTestServer.start(DatabaseKind.H2);
        Map<String, Integer> devices = new LinkedHashMap<>();
        for (int n = 1; n <= 30; n++) {
            devices.put(IntakeFiles.imei(n), 42);
        }
        DeviceSeeds.queued(server, devices);
        viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void manyMatchesShowTwentyAndLinkToTheFilteredHistory() {
        String page = viewer.get("/search?q=3569380300").body();
        assertThat(Pattern.compile("data-device=\"").matcher(page).results().count()).isEqualTo(20);
        assertThat(page).contains("href=\"/history?q=3569380300\"").contains("data-testid=\"more-devices\"");
        assertThat(page).as("devices in id order").contains(IntakeFiles.imei(1)).doesNotContain(IntakeFiles.imei(21));
        assertThat(viewer.get("/history?q=3569380300").body()).contains(IntakeFiles.imei(30));
    }

    /**
     * H2 (this server): a fragment that starts some id matches the start only, and the search page
     * and the history say so; the end of an id is found by the scan, completely here, without a notice.
     */
    @Test
    void onH2TheStartOfAnIdIsMatchedAsAStartAndThePagesSaySo() {
        String start = viewer.get("/search?q=3569380300").body();
        assertThat(start).contains("data-testid=\"id-match-start\"").contains("starts with \u201c3569380300\u201d")
                .doesNotContain("id-match-cut");
        assertThat(viewer.get("/history?q=3569380300").body()).contains("data-testid=\"id-match-start\"");
        String end = IntakeFiles.imei(7).substring(8);
        String ended = viewer.get("/search?q=" + end).body();
        assertThat(ended).contains("data-device=\"" + IntakeFiles.imei(7) + "\"").doesNotContain("id-match-start")
                .doesNotContain("id-match-cut");
        assertThat(viewer.get("/history?q=" + end).body()).contains(IntakeFiles.imei(7)).doesNotContain("id-match-");
        assertThat(viewer.get("/history").body()).as("no id filter, no notice").doesNotContain("id-match-");
        for (String hostile : new String[] {"%00", "%0A", "%5C", "%25%25", "%20%20%20"}) {
            var searched = viewer.get("/search?q=" + hostile);
            assertThat(searched.statusCode()).as(hostile).isEqualTo(200);
            assertThat(searched.body()).as(hostile).doesNotContain("data-device=");
            var filtered = viewer.get("/history?q=" + hostile);
            assertThat(filtered.statusCode()).as(hostile).isEqualTo(200);
            assertThat(filtered.body()).as(hostile).doesNotContain("id-match-start");
        }
    }

    @Test
    void theSearchBoxIsInEveryPagesHeader() {
        for (String path : new String[] {"/", "/history", "/batches", "/search"}) {
            assertThat(viewer.get(path).body()).as(path).contains("action=\"/search\"").contains("id=\"header-q\"");
        }
    }

    @Test
    void hostileQueriesFindNothingAndAreShownInert() {
        assertThat(viewer.get("/search?q=%25").statusCode()).isEqualTo(200);
        assertThat(viewer.get("/search?q=%25").body()).doesNotContain("data-device=");
        assertThat(viewer.get("/search?q=_").body()).doesNotContain("data-device=");
        String script = viewer.get("/search?q=" + URLEncoder.encode("<script>x</script>", StandardCharsets.UTF_8)).body();
        assertThat(script).doesNotContain("<script>x</script>").contains("&lt;script&gt;");
        var tooLong = viewer.get("/search?q=" + "9".repeat(256));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("longer than any device id");
        assertThat(viewer.get("/search?q=" + "9".repeat(100_000)).statusCode()).as("a huge query string is refused, not searched")
                .isIn(414, 422, 431, 400);
        assertThat(viewer.get("/search").statusCode()).isEqualTo(200);
    }
}
