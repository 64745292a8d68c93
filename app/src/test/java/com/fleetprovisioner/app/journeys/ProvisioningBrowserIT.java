package com.fleetprovisioner.app.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.app.EmbeddedApp;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.web.testing.Browsers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole product in one JVM (web, JobRunr worker, simulator), driven from a real browser: upload,
 * preview, submit, watch the batch finish without reloading, find the billing start.
 */
class ProvisioningBrowserIT {
    private static final String PASSWORD = "journey-admin-password";

    @Test
    void anUploadedListIsProvisionedWhileTheBatchPageFollowsItWithoutReload(@TempDir Path folder) throws Exception {
        AppConfig config = AppConfig.from(Map.of(
                "FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1",
                "FP_DB_URL", "jdbc:h2:mem:journey-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "FP_ADMIN_PASSWORD", PASSWORD, "FP_SEND_RATE", "0", "FP_SWEEP_SECONDS", "2"));
        Path csv = folder.resolve("trucks.csv");
        Files.writeString(csv, "IMEI;Type;Company;Name\n356938035643809;CalAmp;42;Truck 1\n"
                + "490154203237518;teltonika;43;Truck 2\n352099001761481;queclink;42;Truck 3\n");
        try (EmbeddedApp app = EmbeddedApp.start(config, SecretBox.random(), Clock.systemUTC())) {
            WebDriver browser = Browsers.chromium();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
            try {
                String base = "http://127.0.0.1:" + app.port();
                browser.get(base + "/batches/new");
                Browsers.signIn(browser, "admin", PASSWORD);

                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("file"))).sendKeys(csv.toString());
                browser.findElement(By.cssSelector("form[action='/batches/new'] button[type=submit]")).click();
                wait.until(ExpectedConditions.elementToBeClickable(By.id("submit-batch"))).click();

                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("batch-percent")));
                ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
                wait.until(ExpectedConditions.textToBe(By.id("batch-percent"), "100 %"));
                assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"))
                        .as("the page followed the batch without a reload").isEqualTo(true);
                assertThat(browser.findElement(By.cssSelector("[data-count='provisioned']")).getText()).isEqualTo("3");
                Browsers.screenshot(browser, "batch-finished");

                browser.get(base + "/history?q=356938035643809");
                browser.findElement(By.cssSelector("tr[data-device='356938035643809'] a")).click();
                assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.id("billing-start"))).getText())
                        .contains("Fleet Freedom's clock");
                assertThat(browser.findElement(By.cssSelector("table.timeline")).getText())
                        .contains("sent").contains("provisioned");
                Browsers.screenshot(browser, "device-provisioned");
            } finally {
                browser.quit();
            }
            Simulator simulator = app.simulator().orElseThrow();
            assertThat(simulator.ledger().creations("356938035643809")).isEqualTo(1);
            assertThat(simulator.ledger().creations("490154203237518")).isEqualTo(1);
        }
    }
}
