package com.fleetprovisioner.web.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.billing.BillingMonth;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.billing.BillingSeeds;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.Journey;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** A viewer goes from the dashboard to this month's billing report, back a month, and exports it, in Chromium. */
class BillingBrowserIT {
    @RegisterExtension
    static final BrowserTests<WebTestServer> browsers = BrowserTests.webServerPerTest();

    @Test
    void fromTheDashboardToLastMonthsReportAndItsCsv(@TempDir Path downloads) throws IOException {
        WebTestServer server = browsers.server(DatabaseKind.H2);
        BillingMonth thisMonth = BillingMonth.of(server.clock().instant());
        BillingMonth lastMonth = thisMonth.previous().orElseThrow();
        BillingSeeds seeds = new BillingSeeds(DatabaseFixture.dsl(server.database()));
        long user = server.user(Role.OPERATOR).id();
        Instant submitted = lastMonth.start().minus(Duration.ofDays(1));
        long batch = seeds.batch(user, submitted);
        List<String> last = List.of("356938035643809", "490154203237518", "352099001761481");
        for (int i = 0; i < last.size(); i++) {
            seeds.provisioned(seeds.queued(batch, user, last.get(i), "calamp", 42 + i % 2, submitted),
                    lastMonth.start().plus(Duration.ofHours(i + 1)));
        }
        seeds.provisioned(seeds.queued(batch, user, "356938035643810", "teltonika", 42, submitted), thisMonth.start());

        Journey journey = browsers.journey(downloads, Duration.ofSeconds(20));
        journey.signInAt("/", "viewer", WebTestServer.PASSWORD);
        journey.clickAndWait(By.id("billing-report"));
        journey.until(ExpectedConditions.urlContains("/billing"));
        assertThat(journey.driver().findElement(By.id("month")).getAttribute("value")).isEqualTo(thisMonth.id());
        assertThat(journey.text(By.cssSelector("[data-testid=billing-total]"))).startsWith("1 device");
        assertThat(journey.deviceRows()).containsExactly("356938035643810");
        assertThat(journey.text(By.id("month-note"))).contains("UTC");

        journey.clickAndWait(By.id("previous-month"));
        journey.until(ExpectedConditions.urlContains("month=" + lastMonth.id()));
        assertThat(journey.text(By.cssSelector("[data-testid=billing-total]"))).startsWith("3 devices");
        assertThat(journey.deviceRows()).containsExactlyElementsOf(last);
        journey.screenshot("billing");

        Path csv = journey.download(By.id("export-csv"), ".csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(1, 4)).extracting(l -> l.substring(0, l.indexOf(','))).containsExactlyElementsOf(last);
        assertThat(csv.getFileName().toString()).isEqualTo("billing-" + lastMonth.id() + ".csv");
    }

    @Test
    void theMonthPickerIsAPlainGetFormTheServerReads(@TempDir Path downloads) {
        WebTestServer server = browsers.server(DatabaseKind.H2);
        Journey journey = browsers.journey(downloads, Duration.ofSeconds(20));
        journey.signInAt("/billing", "viewer", WebTestServer.PASSWORD);
        // as a browser without a month control sends it: the typed text, by the plain GET form (the page runs no script for it)
        ((org.openqa.selenium.JavascriptExecutor) journey.driver()).executeScript(
                "const m = document.getElementById('month'); m.type = 'text'; m.value = '2026-13';"
                        + "document.getElementById('month-picker').noValidate = true;");
        journey.clickAndWait(By.cssSelector("#month-picker button[type=submit]"));
        assertThat(journey.text(By.cssSelector("#month-picker .field-error"))).contains("YYYY-MM");
        ((org.openqa.selenium.JavascriptExecutor) journey.driver()).executeScript(
                "const m = document.getElementById('month'); m.type = 'text'; m.value = '2026-02';");
        journey.clickAndWait(By.cssSelector("#month-picker button[type=submit]"));
        journey.until(ExpectedConditions.urlContains("month=2026-02"));
        assertThat(journey.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Billing report, February 2026");
    }
}
