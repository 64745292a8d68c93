package com.fleetprovisioner.web.journeys;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.Browsers;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A viewer looks a device up in the history and opens its page, in a real browser. */
class HistoryBrowserIT {
    private static final Instant BILLED = Instant.parse("2026-11-27T10:15:30.123Z");

    @Test
    void aViewerFindsADeviceByIdPrefixAndSeesWhenItsBillingStarted() {
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2)) {
            seed(server);
            WebDriver browser = Browsers.chromium();
            try {
                browser.get(server.uri("/history").toString());
                Browsers.signIn(browser, "viewer", WebTestServer.PASSWORD);
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                wait.until(ExpectedConditions.urlMatches(".*/history$"));
                assertThat(browser.findElements(By.cssSelector("tr[data-device]"))).hasSize(3);

                browser.findElement(By.id("q")).sendKeys("3569380356438");
                browser.findElement(By.cssSelector("form.filters button[type=submit]")).click();
                wait.until(ExpectedConditions.urlContains("q=3569380356438")); // the filtered page, not the old one
                List<WebElement> rows = browser.findElements(By.cssSelector("tr[data-device]"));
                assertThat(rows).extracting(r -> r.getAttribute("data-device")).containsExactly("356938035643809");
                WebElement billing = rows.get(0).findElement(By.cssSelector("td.billing time"));
                assertThat(billing.getAttribute("title")).isEqualTo("2026-11-27 10:15:30.123 UTC");
                assertThat(billing.getAttribute("class")).contains("local-time");
                Browsers.screenshot(browser, "history");

                rows.get(0).findElement(By.tagName("a")).click();
                wait.until(ExpectedConditions.urlContains("/history/356938035643809"));
                assertThat(browser.findElement(By.tagName("h1")).getText()).contains("356938035643809");
                assertThat(browser.findElement(By.id("billing-start")).getText()).contains("Fleet Freedom's clock");
                assertThat(browser.findElement(By.cssSelector("table.timeline")).getText()).contains("queued");
                Browsers.screenshot(browser, "device");
            } finally {
                browser.quit();
            }
        }
    }

    private static void seed(WebTestServer server) {
        var dsl = server.database().dsl();
        long user = server.user(Role.OPERATOR).id();
        Instant now = server.clock().instant();
        long batch = dsl.insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, now).set(BATCH.UPDATED_AT, now)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
        List<NewDevice> devices = List.of("356938035643809", "490154203237518", "352099001761481").stream()
                .map(id -> new NewDevice(id, "calamp", 42, Optional.of("Truck " + id.substring(12)), Optional.empty(),
                        Optional.empty(), Optional.empty(), batch, Optional.empty(), user))
                .toList();
        new JooqDeviceIntake(dsl).insertQueued(devices, now);
        dsl.update(DEVICE).set(DEVICE.STATE, "provisioned").set(DEVICE.BILLING_STARTED_AT, BILLED)
                .where(DEVICE.PROVIDER_ID.eq("356938035643809")).execute();
    }
}
