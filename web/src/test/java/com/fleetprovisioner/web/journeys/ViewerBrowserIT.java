package com.fleetprovisioner.web.journeys;

import static com.fleetprovisioner.db.jooq.Tables.AUDIT_LOG;
import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.Browsers;
import com.fleetprovisioner.web.testing.DeviceSeeds;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.Journey;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A viewer, in a real browser, is shown no way to upload, requeue, pause or cancel; and when they
 * post to those addresses anyway, from the page with its CSRF token, the server refuses and nothing
 * changes.
 */
class ViewerBrowserIT {
    @RegisterExtension
    static final BrowserTests<WebTestServer> browsers = BrowserTests.webServerPerTest();
    private static final String PROVISIONED = IntakeFiles.imei(1);
    private static final String FAILED = IntakeFiles.imei(2);
    /** Anything that would let the person change something; the sign-out form is theirs. */
    private static final By CONTROLS = By.cssSelector("a[href='/batches/new'], a[href='/devices/new'], "
            + "input[type=file], input[name=device], form[method=post]:not(.signout) button");

    @Test
    void aViewerSeesNoOperatorControlsAndIsRefusedWhenPostingAnyway(@TempDir Path downloads) {
        WebTestServer server = browsers.server(DatabaseKind.H2);
        long batch = DeviceSeeds.queued(server, Map.of(PROVISIONED, 42, FAILED, 42));
        DeviceSeeds.provisioned(server, Instant.parse("2026-11-27T10:15:30Z"), PROVISIONED);
        DeviceSeeds.failed(server, "Fleet Freedom refused the company", FAILED);
        Journey viewer = browsers.journey(downloads, Duration.ofSeconds(20));
        viewer.signInAt("/", "viewer", WebTestServer.PASSWORD);
        for (String page : List.of("/", "/history", "/history/" + FAILED, "/batches/" + batch)) {
            viewer.visit(page);
            viewer.until(d -> d.getCurrentUrl().endsWith(page));
            assertThat(viewer.text(By.cssSelector("[data-testid=current-user]"))).isEqualTo("viewer");
            assertThat(viewer.findNow(CONTROLS)).as("controls on %s", page)
                    .extracting(e -> e.getAttribute("outerHTML")).isEmpty();
        }
        assertThat(viewer.deviceRows()).containsExactlyInAnyOrder(PROVISIONED, FAILED);
        viewer.screenshot("viewer-batch");

        Map<String, String> before = DeviceSeeds.states(server);
        int batches = DatabaseFixture.dsl(server.database()).fetchCount(BATCH);
        int audited = DatabaseFixture.dsl(server.database()).fetchCount(AUDIT_LOG);
        for (String action : List.of("requeue-failed", "pause", "cancel")) {
            Browsers.Answer answer = viewer.postFromPage("/batches/" + batch + "/" + action, Map.of(), null);
            assertThat(answer.status()).as(action).isEqualTo(403);
            assertThat(answer.body()).contains("Your role (viewer) may not do this");
        }
        assertThat(viewer.postFromPage("/history/" + FAILED + "/requeue", Map.of(), null).status()).isEqualTo(403);
        Browsers.Answer upload = viewer.postFromPage("/batches/new", Map.of("defaultCompany", "42"),
                "IMEI;Type;Company\n" + IntakeFiles.imei(3) + ";calamp;42\n");
        assertThat(upload.status()).isEqualTo(403);

        assertThat(DeviceSeeds.states(server)).isEqualTo(before).containsEntry(FAILED, "failed");
        assertThat(DatabaseFixture.dsl(server.database()).fetchCount(BATCH)).as("no draft from the upload").isEqualTo(batches);
        assertThat(DatabaseFixture.dsl(server.database()).fetchCount(AUDIT_LOG)).as("no action recorded").isEqualTo(audited);
        assertThat(server.enqueued()).isEmpty();
    }
}
