package com.fleetprovisioner.app.journeys;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.app.EmbeddedApp;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.db.DatabaseFixture;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A batch from submit to its end as an operator watches it, in one JVM (web, JobRunr worker, simulator)
 * through headless Chromium: the page follows every device row to "Completed" without a reload; a batch
 * whose every send is refused ends "Completed with N failures"; a cancel asks first with the count, and
 * declining cancels nothing. Sending is paced to a few devices a second so a batch is seen running.
 */
class BatchLifecycleBrowserIT {
    @RegisterExtension
    static final BrowserTests<EmbeddedApp> browsers = BrowserTests.perClass(BatchLifecycleBrowserIT::start,
            app -> "http://127.0.0.1:" + app.port());
    private static final String PASSWORD = "journey-admin-password";
    private static final Pattern CANCEL_COUNT = Pattern.compile("(\\d+) devices? will not be sent");

    private static EmbeddedApp app;

    @BeforeAll
    static void startApp() {
        app = browsers.server();
    }

    private static EmbeddedApp start() {
        AppConfig config = AppConfig.from(Map.of(
                "FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1",
                "FP_DB_URL", "jdbc:h2:mem:lifecycle-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "FP_ADMIN_PASSWORD", PASSWORD, "FP_SEND_RATE", "2", "FP_WORKERS", "2", "FP_SWEEP_SECONDS", "1"));
        return EmbeddedApp.start(config, SecretBox.random(), Clock.systemUTC());
    }

    @Test
    void twentyDevicesReachCompletedRowByRowWithoutAReload(@TempDir Path dir) throws Exception {
        List<String> ids = ids(401, 20);
        Journey admin = journey(dir);
        admin.signInAt("/batches/new", "admin", PASSWORD);
        admin.upload(file(dir, "twenty.csv", ids));
        long batch = admin.submitBatch();
        admin.markPage();
        awaitState(admin, "Completed");
        assertThat(admin.samePage()).as("the page followed the batch without a reload").isTrue();
        for (String id : ids) {
            WebElement row = admin.driver().findElement(By.cssSelector("tr[data-device='" + id + "']"));
            assertThat(row.findElement(By.cssSelector("td.device-state")).getText()).as(id).isEqualTo("Provisioned");
            assertThat(row.findElement(By.cssSelector("td.billing time")).getAttribute("datetime"))
                    .as("billing start of %s", id).isNotBlank();
            assertThat(row.findElement(By.cssSelector("td.device-attempts")).getText()).isEqualTo("1");
        }
        assertThat(admin.text(By.id("batch-percent"))).isEqualTo("100 %");
        assertThat(admin.text(By.id("batch-bar-text"))).startsWith("20 provisioned, 0 failed");
        assertThat(admin.findNow(By.cssSelector("[data-live='rate-block']:not([hidden])")))
                .as("rate and ETA hidden once finished").isEmpty();
        assertThat(admin.findNow(By.cssSelector("#cancel-batch:not([hidden])"))).as("no cancel on an ended batch").isEmpty();
        assertThat(admin.text(By.id("batch-announce"))).contains("Batch " + batch + " ended");
        tall(admin);
        admin.screenshot("batch-completed");
    }

    @Test
    void aBatchWhoseSendsAreRefusedEndsCompletedWithFailures(@TempDir Path dir) throws Exception {
        List<String> ids = ids(501, 5);
        Journey admin = journey(dir);
        admin.signInAt("/batches/new", "admin", PASSWORD);
        admin.upload(file(dir, "refused.csv", ids)); // the preview checks companies: before the fault
        var faults = app.simulator().orElseThrow().faults();
        faults.update(f -> f.withErrorRate(3, 1.0)); // invalidData: a permanent refusal of every command
        try {
            long batch = admin.submitBatch();
            admin.markPage();
            awaitState(admin, "Completed with 5 failures");
            assertThat(admin.samePage()).isTrue();
            assertThat(admin.text(By.id("batch-bar-text"))).startsWith("0 provisioned");
            assertThat(admin.findNow(By.cssSelector("#requeue-failed:not([hidden])"))).hasSize(1);
            assertThat(admin.text(By.cssSelector("tr[data-device='" + ids.get(0) + "'] td.device-error"))).isNotBlank();
            tall(admin);
            admin.screenshot("batch-completed-with-failures");
            admin.visit("/batches");
            assertThat(admin.text(By.cssSelector("tr[data-batch='" + batch + "']")))
                    .contains("Completed with 5 failures").contains("5 devices failed or need review");
        } finally {
            faults.reset();
        }
    }

    @Test
    void aCancelAsksWithTheCountAndDecliningCancelsNothing(@TempDir Path dir) throws Exception {
        List<String> ids = ids(601, 30);
        Journey admin = journey(dir);
        admin.signInAt("/batches/new", "admin", PASSWORD);
        admin.upload(file(dir, "to-cancel.csv", ids));
        long batch = admin.submitBatch();
        // paused, so that the count asked about stands still while the question is on screen
        admin.clickAndWait(By.cssSelector("form[action='/batches/" + batch + "/pause'] button"));
        admin.until(d -> leased(batch) == 0);
        admin.visit("/batches/" + batch);
        long waiting = count(batch, "queued") + count(batch, "retrying");
        assertThat(waiting).as("paused while running").isBetween(1L, 30L);

        admin.clickAndWait(By.id("cancel-batch"));
        admin.until(ExpectedConditions.urlContains("/batches/" + batch + "/cancel"));
        Matcher asked = CANCEL_COUNT.matcher(admin.text(By.id("consequence")));
        assertThat(asked.find()).as(admin.text(By.id("consequence"))).isTrue();
        assertThat(Long.parseLong(asked.group(1))).isEqualTo(waiting);
        assertThat(admin.driver().findElement(By.id("confirm")).getAttribute("class")).contains("destructive");
        admin.screenshot("batch-cancel-confirm");

        admin.clickAndWait(By.id("decline"));
        admin.until(ExpectedConditions.urlMatches("/batches/" + batch + "$"));
        assertThat(count(batch, "cancelled")).as("declined: nothing cancelled").isZero();
        assertThat(admin.count("cancelled")).isZero();

        admin.clickAndWait(By.id("cancel-batch"));
        admin.until(ExpectedConditions.urlContains("/batches/" + batch + "/cancel"));
        admin.clickAndWait(By.id("confirm"));
        admin.until(ExpectedConditions.urlMatches("/batches/" + batch + "$"));
        assertThat(admin.text(By.cssSelector(".flash"))).isEqualTo(waiting + " device(s) cancelled; they will never be sent.");
        assertThat(count(batch, "cancelled")).isEqualTo(waiting);
        awaitState(admin, "Cancelled");
        assertThat(admin.findNow(By.cssSelector("#requeue-cancelled:not([hidden])"))).hasSize(1);
        tall(admin);
        admin.screenshot("batch-cancelled");
    }

    /** Tall enough for the README's screenshot to show the devices under the progress. */
    private static void tall(Journey admin) {
        admin.driver().manage().window().setSize(new Dimension(1280, 1700));
    }

    private static void awaitState(Journey admin, String shown) {
        admin.until(ExpectedConditions.textToBe(By.cssSelector("#batch-state .state"), shown));
    }

    private static Journey journey(Path dir) throws Exception {
        return browsers.journey(Files.createDirectories(dir.resolve("downloads")), Duration.ofSeconds(90));
    }

    private static List<String> ids(int first, int n) {
        return IntStream.range(first, first + n).mapToObj(IntakeFiles::imei).toList();
    }

    private static Path file(Path dir, String name, List<String> ids) throws Exception {
        StringBuilder csv = new StringBuilder("IMEI;Type;Company;Name\n");
        ids.forEach(id -> csv.append(id).append(";calamp;42;Truck ").append(id.substring(11)).append('\n'));
        return Files.writeString(dir.resolve(name), csv);
    }

    private static long count(long batch, String state) {
        return DatabaseFixture.dsl(app.database()).fetchCount(DEVICE, DEVICE.BATCH_ID.eq(batch).and(DEVICE.STATE.eq(state)));
    }

    private static long leased(long batch) {
        return DatabaseFixture.dsl(app.database()).fetchCount(DEVICE, DEVICE.BATCH_ID.eq(batch)
                .and(DEVICE.LEASE_UNTIL.gt(Instant.now())).and(DEVICE.LEASE_OWNER.isNotNull()));
    }
}
