package com.fleetprovisioner.app.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.app.EmbeddedApp;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.Browsers;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An admin changes the settings in the browser and the running pipeline follows: a login test with a
 * wrong password shows the refusal, then the pipeline is pointed at a second (standalone) simulator
 * and the next device lands there, not in the built-in one.
 */
class SettingsBrowserIT {
    @RegisterExtension
    static final BrowserTests<EmbeddedApp> browsers = BrowserTests.perTest(app -> "http://127.0.0.1:" + app.port());
    private static final String PASSWORD = "journey-admin-password";
    private static final String DEVICE = "356938035643809";

    @Test
    void anAdminPointsThePipelineAtAnotherSimulatorAndTheNextDeviceLandsThere() {
        AppConfig config = AppConfig.from(Map.of(
                "FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1",
                "FP_DB_URL", "jdbc:h2:mem:settings-journey-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "FP_ADMIN_PASSWORD", PASSWORD, "FP_SEND_RATE", "0", "FP_SWEEP_SECONDS", "2"));
        EmbeddedApp app = browsers.server(() -> EmbeddedApp.start(config, SecretBox.random(), Clock.systemUTC()));
        try (Simulator second = Simulator.start(SimulatorConfig.builder().build())) {
            String secondEndpoint = second.webSocketUri().toString();
            WebDriver browser = browsers.chromium();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
            String base = "http://127.0.0.1:" + app.port();
            browser.get(base + "/settings");
            Browsers.signIn(browser, "admin", PASSWORD);
            wait.until(ExpectedConditions.urlContains("/settings"));
            assertThat(browser.findElement(By.cssSelector("[data-testid='simulator-banner']")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("endpoint-hint")).getText()).contains("built-in simulator");

            // a wrong password, tested: the refusal and its code are shown, nothing is saved
            browser.findElement(By.id("password")).sendKeys("not-the-password");
            browser.findElement(By.cssSelector("[data-testid='test-connection']")).click();
            WebElement result = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-testid='test-result']")));
            assertThat(result.getText()).contains("refused the login").contains("code 11");
            assertThat(browser.getPageSource()).doesNotContain("not-the-password");

            // the right account at the second simulator: the test lists its companies
            WebElement endpoint = browser.findElement(By.id("endpoint"));
            endpoint.clear();
            endpoint.sendKeys(secondEndpoint);
            // the password in force is only sent to its own endpoint: another one needs it typed
            browser.findElement(By.cssSelector("[data-testid='test-connection']")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password-error")));
            browser.findElement(By.id("password")).sendKeys(SimulatorConfig.DEMO_USER.password());
            browser.findElement(By.cssSelector("[data-testid='test-connection']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid='test-result']"),
                    "Logged in as " + SimulatorConfig.DEMO_USER.username()));

            // save it, marked as a simulator so that the banner stays
            WebElement simulator = browser.findElement(By.id("simulator"));
            if (!simulator.isSelected()) {
                simulator.click();
            }
            browser.findElement(By.id("password")).sendKeys(SimulatorConfig.DEMO_USER.password());
            browser.findElement(By.cssSelector("form.settings button:not([formaction])")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"), "Settings saved"));
            assertThat(browser.findElement(By.id("endpoint")).getAttribute("value")).isEqualTo(secondEndpoint);
            assertThat(browser.findElement(By.id("endpoint-hint")).getText()).contains("Set here");
            assertThat(browser.findElement(By.cssSelector("[data-testid='simulator-banner']")).isDisplayed()).isTrue();
            Browsers.screenshot(browser, "settings");

            // the dashboard shows the worker's connection moving to the second simulator
            browser.get(base + "/");
            wait.until(driver -> {
                String text = driver.findElement(By.tagName("main")).getText();
                if (text.contains(secondEndpoint) && text.contains("Connected")) {
                    return true;
                }
                driver.navigate().refresh();
                return false;
            });

            assertThat(browser.findElement(By.cssSelector("[data-testid='target']")).getText()).contains("Simulator");

            browser.get(base + "/devices/new");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("id"))).sendKeys(DEVICE);
            new Select(browser.findElement(By.id("kind"))).selectByIndex(1);
            new Select(browser.findElement(By.id("company"))).selectByValue("42");
            browser.findElement(By.id("name")).sendKeys("Truck on the second simulator");
            browser.findElement(By.cssSelector("form[action='/devices/new'] button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".flash"),
                    "queued for provisioning"));

            // the device page, followed until the device is provisioned
            browser.get(base + "/history/" + DEVICE);
            wait.until(driver -> {
                if (!driver.findElements(By.cssSelector("#billing-start time")).isEmpty()) {
                    return true;
                }
                driver.navigate().refresh();
                return false;
            });
            assertThat(second.ledger().creations(DEVICE)).as("added to the simulator the admin chose").isEqualTo(1);
            assertThat(app.simulator().orElseThrow().ledger().forProvider(DEVICE)).as("never sent to the built-in one")
                    .isEmpty();
        }
    }
}
