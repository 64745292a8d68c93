package com.fleetprovisioner.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.device.DashboardFixtures;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.Browsers;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A viewer in Berlin opens the dashboard (its days are Berlin's once the browser has told its zone),
 * moves by keyboard, filters the batches list, and sees the same pages in dark mode.
 */
class DashboardBrowserIT {
    @RegisterExtension
    static final BrowserTests<WebTestServer> browsers = BrowserTests.webServerPerTest();

    @Test
    void aViewerSeesTheDashboardInTheirZoneAndTheBatchesListInLightAndDark() {
        WebTestServer server = browsers.server(DatabaseKind.H2);
        long batch = seed(server);
        WebDriver browser = browsers.chromium();
        ChromiumDriver cdp = (ChromiumDriver) browser;
        cdp.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Europe/Berlin"));
        browser.get(server.uri("/").toString());
        Browsers.signIn(browser, "viewer", WebTestServer.PASSWORD);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.urlMatches(".*:\\d+/$"));
        // app.js stores the zone and draws the page again in it
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("zone-note"), "Europe/Berlin"));
        assertThat(browser.findElements(By.cssSelector("figure.chart rect.bar"))).hasSize(14);
        assertThat(browser.findElement(By.cssSelector("[data-testid=pipeline-state]")).getText()).isEqualTo("Running");
        assertThat(browser.findElements(By.cssSelector("table.batches tr[data-batch]"))).isNotEmpty();
        browser.manage().window().setSize(new Dimension(1280, 1500));
        Browsers.screenshot(browser, "dashboard");

        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        @SuppressWarnings("unchecked")
        List<Object> skip = (List<Object>) ((JavascriptExecutor) browser).executeScript(
                "var e = document.activeElement; return [e.className, getComputedStyle(e).outlineStyle];");
        assertThat(skip).as("the first Tab reaches the skip link, with a visible outline")
                .containsExactly("skip-link", "solid");

        browser.findElement(By.cssSelector("header nav a[href='/batches']")).click();
        wait.until(ExpectedConditions.urlMatches(".*/batches$"));
        browser.manage().window().setSize(new Dimension(1280, 900));
        assertThat(browser.findElements(By.cssSelector("#batches tr[data-batch]"))).as("submitted work only")
                .hasSize(3);
        assertThat(browser.findElements(By.cssSelector("section.drafts tr[data-draft]"))).as("drafts apart")
                .hasSize(1);
        Browsers.screenshot(browser, "batches");
        new Select(browser.findElement(By.id("state"))).selectByValue("submitted");
        browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("state=submitted"));
        assertThat(browser.findElements(By.cssSelector("#batches tr[data-batch]")))
                .extracting(r -> r.getAttribute("data-batch")).containsExactly(Long.toString(batch));

        browser.findElement(By.cssSelector("#batches tr[data-batch] a")).click();
        wait.until(ExpectedConditions.urlMatches(".*/batches/" + batch + "$"));
        assertThat(browser.findElement(By.id("download-problems")).getAttribute("href")).endsWith("/problems.csv");
        Browsers.screenshot(browser, "batch");

        cdp.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        browser.manage().window().setSize(new Dimension(1280, 1500));
        browser.get(server.uri("/").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("zone-note")));
        assertThat(browser.findElement(By.tagName("body")).getCssValue("background-color"))
                .as("the dark palette").isEqualTo("rgba(15, 20, 25, 1)");
        Browsers.screenshot(browser, "dashboard-dark");
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(server.uri("/batches").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("batches")));
        Browsers.screenshot(browser, "batches-dark");
    }

    /** Four batches; one submitted with devices provisioned over the last days and two rejected rows. */
    private static long seed(WebTestServer server) {
        var dsl = DatabaseFixture.dsl(server.database());
        long operator = server.user(Role.OPERATOR).id();
        Instant now = server.clock().instant();
        long october = DashboardFixtures.batch(dsl, operator, "completed", Optional.of("october-trucks.csv"),
                now.minus(Duration.ofDays(20)));
        List<String> trucks = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            trucks.add(String.format("49015420%07d", i));
        }
        DashboardFixtures.devices(dsl, october, operator, now.minus(Duration.ofDays(20)), trucks);
        for (int i = 0; i < trucks.size(); i++) {
            DashboardFixtures.provisioned(dsl, trucks.get(i), now.minus(Duration.ofDays(13 + i % 7)).minus(Duration.ofHours(i)));
        }
        DashboardFixtures.batch(dsl, operator, "cancelled", Optional.of("duplicates.xlsx"), now.minus(Duration.ofDays(12)));
        long batch = DashboardFixtures.batch(dsl, operator, "submitted", Optional.of("november-vans.csv"), now.minus(Duration.ofDays(13)));
        dsl.update(com.fleetprovisioner.db.jooq.Tables.BATCH).set(com.fleetprovisioner.db.jooq.Tables.BATCH.ROWS_ERROR, 2)
                .set(com.fleetprovisioner.db.jooq.Tables.BATCH.ROWS_TOTAL, 142)
                .where(com.fleetprovisioner.db.jooq.Tables.BATCH.ID.eq(batch)).execute();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 140; i++) {
            ids.add(String.format("35693803%07d", i));
        }
        DashboardFixtures.devices(dsl, batch, operator, now.minus(Duration.ofDays(13)), ids);
        for (int i = 0; i < 120; i++) {
            int day = i % 13;
            if (i % (day + 2) == 0 || day % 3 == 0) {
                DashboardFixtures.provisioned(dsl, ids.get(i), now.minus(Duration.ofDays(day)).minus(Duration.ofMinutes(i)));
            }
        }
        DashboardFixtures.batch(dsl, operator, "draft", Optional.of("december.csv"), now.minus(Duration.ofHours(1)));
        return batch;
    }
}
