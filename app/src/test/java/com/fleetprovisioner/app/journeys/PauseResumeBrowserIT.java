package com.fleetprovisioner.app.journeys;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.app.EmbeddedApp;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.simulator.Ledger;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.Journey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jobrunr.storage.JobStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * An operator pauses a running batch from its page: nothing more is sent while it is paused (the
 * simulator's ledger and the database stand still while the workers keep looking), and after resume
 * the batch page reaches 100 % without a reload. Sending is paced to one device a second so the batch
 * is still running when the button is pressed.
 */
class PauseResumeBrowserIT {
    @RegisterExtension
    static final BrowserTests<EmbeddedApp> browsers = BrowserTests.perTest(app -> "http://127.0.0.1:" + app.port());
    private static final String PASSWORD = "journey-admin-password";
    private static final int DEVICES = 10;
    private static final Duration SWEEP = Duration.ofSeconds(1);

    @Test
    void aPausedBatchSendsNothingUntilResumedAndThenFinishes(@TempDir Path dir) throws Exception {
        AppConfig config = AppConfig.from(Map.of(
                "FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1",
                "FP_DB_URL", "jdbc:h2:mem:pause-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "FP_ADMIN_PASSWORD", PASSWORD, "FP_SEND_RATE", "1", "FP_WORKERS", "2",
                "FP_SWEEP_SECONDS", Long.toString(SWEEP.toSeconds())));
        List<String> ids = IntStream.rangeClosed(301, 300 + DEVICES).mapToObj(IntakeFiles::imei).toList();
        StringBuilder csv = new StringBuilder("IMEI;Type;Company;Name\n");
        ids.forEach(id -> csv.append(id).append(";calamp;42;Truck ").append(id.substring(11)).append('\n'));
        Path file = Files.writeString(dir.resolve("trucks.csv"), csv);
        Path downloads = Files.createDirectory(dir.resolve("downloads"));
        EmbeddedApp app = browsers.server(() -> EmbeddedApp.start(config, SecretBox.random(), Clock.systemUTC()));
        Journey admin = browsers.journey(downloads, Duration.ofSeconds(90));
        Ledger ledger = app.simulator().orElseThrow().ledger();
        admin.signInAt("/batches/new", "admin", PASSWORD);
        admin.upload(file);
        long batch = admin.submitBatch();
        admin.until(d -> admin.count("provisioned") > 0); // running: the page has seen a device through

        admin.clickAndWait(By.cssSelector("form[action='/batches/" + batch + "/pause'] button"));
        assertThat(admin.text(By.cssSelector(".flash"))).startsWith("Batch paused");
        assertThat(admin.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("main p.warning")))
                .getText()).isNotBlank();
        admin.screenshot("batch-paused");

        // devices already leased finish; every waiting job runs and finds the batch paused
        admin.until(d -> leased(app, batch) == 0 && idle(app));
        long sent = sent(ledger, ids);
        long provisioned = provisioned(app, batch);
        assertThat(provisioned).as("paused while running").isBetween(1L, DEVICES - 1L);
        assertThat(sent).isEqualTo(provisioned);
        // nothing can be seen to not happen in an instant: give the sweeper a few rounds to (wrongly) send
        Thread.sleep(SWEEP.multipliedBy(4).toMillis());
        assertThat(sent(ledger, ids)).as("sent while paused").isEqualTo(sent);
        assertThat(provisioned(app, batch)).isEqualTo(provisioned);
        assertThat(leased(app, batch)).isZero();

        admin.visit("/batches/" + batch);
        assertThat(admin.count("provisioned")).isEqualTo(provisioned);
        admin.clickAndWait(By.cssSelector("form[action='/batches/" + batch + "/resume'] button"));
        assertThat(admin.text(By.cssSelector(".flash"))).isEqualTo("Batch resumed.");
        admin.markPage();
        admin.awaitBatchPercent("100 %");
        assertThat(admin.samePage()).as("the page followed the batch without a reload").isTrue();
        assertThat(admin.count("provisioned")).isEqualTo(DEVICES);
        assertThat(ids).allSatisfy(id -> assertThat(ledger.creations(id)).as("creations of %s", id).isEqualTo(1));

        admin.visit("/admin/audit");
        String audit = admin.text(By.cssSelector("table.audit tbody"));
        assertThat(audit).contains("Batch paused").contains("Batch resumed").contains("batch:" + batch);
    }

    private static long sent(Ledger ledger, List<String> ids) {
        return ledger.entries().stream().filter(e -> ids.contains(e.providerId())).count();
    }

    private static long provisioned(EmbeddedApp app, long batch) {
        return DatabaseFixture.dsl(app.database()).fetchCount(DEVICE, DEVICE.BATCH_ID.eq(batch).and(DEVICE.STATE.eq("provisioned")));
    }

    private static long leased(EmbeddedApp app, long batch) {
        return DatabaseFixture.dsl(app.database()).fetchCount(DEVICE, DEVICE.BATCH_ID.eq(batch)
                .and(DEVICE.LEASE_UNTIL.gt(Instant.now())).and(DEVICE.LEASE_OWNER.isNotNull()));
    }

    /** No job waits to run or is running. */
    private static boolean idle(EmbeddedApp app) {
        JobStats stats = app.jobs().provider().getJobStats();
        return stats.getEnqueued() == 0 && stats.getProcessing() == 0;
    }
}
