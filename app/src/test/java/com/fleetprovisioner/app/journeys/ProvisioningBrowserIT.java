package com.fleetprovisioner.app.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.app.EmbeddedApp;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.simulator.Ledger;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.Journey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The whole product in one JVM (web, JobRunr worker, simulator), driven from a real browser: a file
 * with errors fixed through its problems download and provisioned while the batch page follows it
 * without reloading; one device added by hand and provisioned.
 */
class ProvisioningBrowserIT {
    @RegisterExtension
    static final BrowserTests<EmbeddedApp> browsers = BrowserTests.perClass(ProvisioningBrowserIT::start,
            app -> "http://127.0.0.1:" + app.port());
    private static final String PASSWORD = "journey-admin-password";
    private static final Pattern QUEUED_IN_BATCH = Pattern.compile("queued for provisioning \\(batch (\\d+)\\)");

    private static EmbeddedApp app;

    @BeforeAll
    static void startApp() {
        app = browsers.server();
    }

    private static EmbeddedApp start() {
        AppConfig config = AppConfig.from(Map.of(
                "FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1",
                "FP_DB_URL", "jdbc:h2:mem:journey-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "FP_ADMIN_PASSWORD", PASSWORD, "FP_SEND_RATE", "0", "FP_SWEEP_SECONDS", "2"));
        return EmbeddedApp.start(config, SecretBox.random(), Clock.systemUTC());
    }

    @Test
    void aFileWithErrorsIsFixedFromItsProblemsDownloadAndProvisionedWhileTheBatchPageFollows(@TempDir Path dir)
            throws Exception {
        List<String> good = List.of(IntakeFiles.imei(101), IntakeFiles.imei(102), IntakeFiles.imei(105));
        Path first = Files.write(dir.resolve("vendor-list.xlsx"), IntakeFiles.xlsx(List.of(
                List.of("Reporting ID", "Type", "Company", "Label"),
                List.of(Long.parseLong(good.get(0)), "genx", 42, "Van 1"),
                List.of(good.get(1), "teltonika", 43, "Van 2"),
                List.of("12345", "genx", 42, "Van 3"),
                List.of(IntakeFiles.imei(104), "unknown", 43, "Van 4"),
                List.of(good.get(2), "calamp", 42, "Van 5"))));
        Path downloads = Files.createDirectory(dir.resolve("downloads"));
        Journey admin = browsers.journey(downloads, Duration.ofSeconds(90));
        admin.signInAt("/batches/new", "admin", PASSWORD);
        admin.upload(first);
        assertThat(admin.text(By.cssSelector("[data-testid=total-errors]"))).isEqualTo("2");
        assertThat(admin.text(By.cssSelector("[data-testid=total-valid]"))).isEqualTo("3");
        admin.screenshot("upload-preview");

        Path problems = admin.download(By.id("problems-xlsx"), ".xlsx");
        Path fixed = Files.write(dir.resolve("vendor-list-fixed.xlsx"), fix(IntakeFiles.readXlsx(problems)));
        long firstBatch = admin.submitBatch();
        assertThat(admin.text(By.cssSelector(".flash"))).isEqualTo("Submitted: 3 device(s) queued for provisioning.");

        admin.visit("/batches/new");
        admin.upload(fixed);
        assertThat(admin.text(By.cssSelector("[data-testid=total-errors]"))).isEqualTo("0");
        assertThat(admin.text(By.cssSelector("[data-testid=total-valid]"))).isEqualTo("2");
        admin.submitBatch();
        admin.markPage();
        admin.awaitBatchPercent("100 %");
        assertThat(admin.samePage()).as("the page followed the batch without a reload").isTrue();
        assertThat(admin.count("provisioned")).isEqualTo(2);
        WebElement provisioned = admin.driver().findElement(By.cssSelector("#batch-bar rect[data-segment='provisioned']"));
        assertThat(provisioned.getAttribute("width")).as("the whole bar is provisioned").isEqualTo("1000");
        assertThat(admin.text(By.id("batch-bar-text"))).startsWith("2 provisioned, 0 failed");
        admin.screenshot("batch-progress");
        admin.visit("/batches/" + firstBatch);
        admin.awaitBatchPercent("100 %");
        assertThat(admin.count("provisioned")).isEqualTo(3);

        List<String> all = new ArrayList<>(good);
        all.addAll(List.of(IntakeFiles.imei(103), IntakeFiles.imei(104)));
        admin.visit("/history");
        new Select(admin.driver().findElement(By.id("state"))).selectByValue("provisioned");
        admin.driver().findElement(By.id("q")).sendKeys("356938030001"); // this journey's devices only
        admin.clickAndWait(By.cssSelector("form.filters button[type=submit]"));
        assertThat(admin.deviceRows()).containsExactlyInAnyOrderElementsOf(all);
        for (String id : all) {
            WebElement billing = admin.driver().findElement(By.cssSelector("tr[data-device='" + id + "'] td.billing time"));
            assertThat(billing.getAttribute("datetime")).as("billing start of %s", id).isNotBlank();
        }
        admin.screenshot("history");

        admin.clickAndWait(By.cssSelector("tr[data-device='" + IntakeFiles.imei(103) + "'] a"));
        assertThat(admin.driver().getCurrentUrl()).endsWith("/history/" + IntakeFiles.imei(103));
        assertThat(admin.text(By.id("billing-start"))).contains("Fleet Freedom's clock");
        assertThat(admin.text(By.cssSelector("table.timeline"))).contains("Sent to Fleet Freedom").contains("Added to Fleet Freedom");
        admin.screenshot("device");

        Ledger ledger = app.simulator().orElseThrow().ledger();
        assertThat(all).allSatisfy(id -> assertThat(ledger.creations(id)).as("creations of %s", id).isEqualTo(1));
        assertThat(ledger.forProvider("12345")).isEmpty();
    }

    @Test
    void oneDeviceAddedByHandIsProvisioned(@TempDir Path downloads) {
        String id = IntakeFiles.imei(201);
        Journey admin = browsers.journey(downloads, Duration.ofSeconds(90));
        admin.signInAt("/devices/new", "admin", PASSWORD);
        admin.driver().findElement(By.id("id")).sendKeys(id);
        new Select(admin.driver().findElement(By.id("kind"))).selectByValue("calamp");
        new Select(admin.driver().findElement(By.id("company"))).selectByValue("42");
        admin.driver().findElement(By.id("name")).sendKeys("Trailer 9");
        admin.screenshot("single-device");
        admin.clickAndWait(By.cssSelector("form[action='/devices/new'] button[type=submit]"));

        String flash = admin.text(By.cssSelector(".flash"));
        assertThat(flash).startsWith("Device " + id + " queued for provisioning");
        Matcher batch = QUEUED_IN_BATCH.matcher(flash);
        assertThat(batch.find()).as(flash).isTrue();
        admin.visit("/batches/" + batch.group(1));
        admin.markPage();
        admin.awaitBatchPercent("100 %");
        assertThat(admin.samePage()).isTrue();
        assertThat(admin.count("provisioned")).isEqualTo(1);

        admin.clickAndWait(By.cssSelector("tr[data-device='" + id + "'] a"));
        admin.until(ExpectedConditions.urlContains("/history/" + id));
        assertThat(admin.text(By.id("billing-start"))).contains("Fleet Freedom's clock");
        assertThat(app.simulator().orElseThrow().ledger().creations(id)).isEqualTo(1);
    }

    private static String base() {
        return "http://127.0.0.1:" + app.port();
    }

    /** What the person does in Excel: correct the cells the Problems column points at, drop that column. */
    private static byte[] fix(List<List<String>> problems) {
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("Reporting ID", "Type", "Company", "Label");
        List<List<Object>> rows = new ArrayList<>();
        for (List<String> row : problems) {
            rows.add(new ArrayList<>(row.subList(0, 4)));
        }
        assertThat(rows.get(1).get(0)).isEqualTo("12345");
        rows.get(1).set(0, IntakeFiles.imei(103));
        assertThat(rows.get(2).get(1)).isEqualTo("unknown");
        rows.get(2).set(1, "queclink");
        return IntakeFiles.xlsx(rows);
    }
}
