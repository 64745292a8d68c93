package com.fleetprovisioner.app.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.app.EmbeddedApp;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.fleetfreedom.ErrorCode;
import com.fleetprovisioner.simulator.FaultSettings;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.Journey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * A device Fleet Freedom rejected for good is fixed on its own page: edited, requeued, and provisioned,
 * in the one-JVM app (web, JobRunr worker, simulator) driven from a real browser.
 */
class EditRequeueBrowserIT {
    @RegisterExtension
    static final BrowserTests<EmbeddedApp> browsers = BrowserTests.perClass(EditRequeueBrowserIT::start,
            app -> "http://127.0.0.1:" + app.port());
    private static final String PASSWORD = "journey-admin-password";

    private static EmbeddedApp app;

    @BeforeAll
    static void startApp() {
        app = browsers.server();
    }

    private static EmbeddedApp start() {
        AppConfig config = AppConfig.from(Map.of(
                "FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1",
                "FP_DB_URL", "jdbc:h2:mem:edit-journey-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "FP_ADMIN_PASSWORD", PASSWORD, "FP_SEND_RATE", "0", "FP_SWEEP_SECONDS", "2"));
        return EmbeddedApp.start(config, SecretBox.random(), Clock.systemUTC());
    }

    @Test
    void aDeviceRejectedForGoodIsEditedRequeuedAndProvisioned(@TempDir Path downloads) {
        Simulator simulator = app.simulator().orElseThrow();
        String warmUp = IntakeFiles.imei(301);
        String rejected = IntakeFiles.imei(302);
        Journey admin = browsers.journey(downloads, Duration.ofSeconds(90));
        admin.signInAt("/devices/new", "admin", PASSWORD);
        addByHand(admin, warmUp); // also loads the company list, so the rejection below hits only the add
        awaitState(admin, warmUp, "provisioned");

        simulator.faults().set(FaultSettings.none().withErrorRate(ErrorCode.invalidData.number(), 1.0));
        admin.visit("/devices/new");
        addByHand(admin, rejected);
        awaitState(admin, rejected, "failed");
        assertThat(admin.text(By.cssSelector("main"))).contains("Fleet Freedom rejected the data");
        simulator.faults().set(FaultSettings.none());
        admin.screenshot("device-failed");
        String batchPage = admin.driver().findElement(By.id("device-batch")).getAttribute("href").substring(base().length());
        admin.visit(batchPage);
        admin.until(ExpectedConditions.textToBe(By.id("batch-state"), "Completed with 1 failure"));
        admin.visit("/history/" + rejected);

        admin.clickAndWait(By.id("edit-device-link"));
        admin.until(ExpectedConditions.urlContains("/history/" + rejected + "/edit"));
        new Select(admin.driver().findElement(By.id("kind"))).selectByValue("teltonika");
        admin.driver().findElement(By.id("phone")).sendKeys("+1 555 010 0199");
        admin.driver().findElement(By.id("password")).sendKeys("new-device-pass");
        admin.screenshot("device-edit");
        admin.clickAndWait(By.id("edit-requeue"));
        admin.until(ExpectedConditions.urlToBe(base() + "/history/" + rejected));
        assertThat(admin.text(By.cssSelector(".flash"))).isEqualTo("Device " + rejected + " edited and requeued.");
        assertThat(admin.driver().getPageSource()).doesNotContain("new-device-pass");

        awaitState(admin, rejected, "provisioned");
        assertThat(admin.text(By.id("billing-start"))).contains("Fleet Freedom's clock");
        assertThat(admin.text(By.cssSelector("table.timeline"))).contains("Edited (kind, phone, password) and requeued");
        admin.screenshot("device-edited-provisioned");
        admin.visit(batchPage); // the batch follows its device: reopened by the requeue, ended again without failures
        admin.until(ExpectedConditions.textToBe(By.id("batch-state"), "Completed"));
        assertThat(simulator.ledger().creations(rejected)).isEqualTo(1);
        assertThat(simulator.world().provider(rejected)).get()
                .satisfies(p -> assertThat(p.kind()).isEqualTo("teltonika"));
    }

    private static void addByHand(Journey admin, String id) {
        admin.driver().findElement(By.id("id")).sendKeys(id);
        new Select(admin.driver().findElement(By.id("kind"))).selectByValue("calamp");
        new Select(admin.driver().findElement(By.id("company"))).selectByValue("42");
        admin.clickAndWait(By.cssSelector("form[action='/devices/new'] button[type=submit]"));
        assertThat(admin.text(By.cssSelector(".flash"))).startsWith("Device " + id + " queued for provisioning");
    }

    /** The device page does not refresh itself: it is loaded again until the device reaches {@code state}. */
    private static void awaitState(Journey admin, String id, String state) {
        admin.visit("/history/" + id);
        admin.until(driver -> {
            if (!driver.findElements(By.cssSelector(".state.state-" + state)).isEmpty()) {
                return true;
            }
            driver.navigate().refresh();
            return false;
        });
    }

    private static String base() {
        return "http://127.0.0.1:" + app.port();
    }
}
