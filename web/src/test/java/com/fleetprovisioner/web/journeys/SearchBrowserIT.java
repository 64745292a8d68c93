package com.fleetprovisioner.web.journeys;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The header's search box and the history's pages, as a viewer uses them in a real browser. */
class SearchBrowserIT {
    @RegisterExtension
    static final BrowserTests<WebTestServer> browsers = BrowserTests.webServerPerTest();
    private static final int DEVICES = 120;

    @Test
    void theHeaderSearchFindsADeviceByAMiddleFragmentAndABatchByItsFileName(@TempDir Path downloads) {
        WebTestServer server = browsers.server(DatabaseKind.H2);
        long batch = seed(server);
        String wanted = IntakeFiles.imei(57);
        String fragment = wanted.substring(8, 14);
        Journey journey = browsers.journey(downloads, Duration.ofSeconds(20));
        journey.signInAt("/batches", "viewer", WebTestServer.PASSWORD);
        search(journey, fragment);
        List<WebElement> found = journey.driver().findElements(By.cssSelector("[data-testid=search-devices] tr[data-device]"));
        assertThat(found).extracting(r -> r.getAttribute("data-device")).containsExactly(wanted);
        assertThat(journey.driver().findElement(By.cssSelector("[data-testid=search-batches]")).getText())
                .contains("No batch file name contains this.");
        Browsers.screenshot(journey.driver(), "search-device");
        journey.clickAndWait(By.cssSelector("[data-testid=search-devices] tr[data-device] a[href^='/history/']"));
        journey.until(ExpectedConditions.urlContains("/history/" + wanted));
        assertThat(journey.driver().findElement(By.tagName("h1")).getText()).contains(wanted);

        search(journey, "march-tru");
        assertThat(journey.driver().findElements(By.cssSelector("[data-testid=search-devices] tr[data-device]"))).isEmpty();
        List<WebElement> batches = journey.driver().findElements(By.cssSelector("[data-testid=search-batches] tr[data-batch]"));
        assertThat(batches).extracting(r -> r.getAttribute("data-batch")).containsExactly(String.valueOf(batch));
        assertThat(batches.get(0).getText()).contains("fleet-march-trucks.csv");
        Browsers.screenshot(journey.driver(), "search-batch");
        journey.clickAndWait(By.cssSelector("[data-testid=search-batches] tr[data-batch] a[href='/batches/" + batch + "']"));
        journey.until(ExpectedConditions.urlMatches(".*/batches/" + batch + "$"));
    }

    @Test
    void historyPagesGoNextPreviousAndFirst(@TempDir Path downloads) {
        WebTestServer server = browsers.server(DatabaseKind.H2);
        seed(server);
        Journey journey = browsers.journey(downloads, Duration.ofSeconds(20));
        journey.signInAt("/history", "viewer", WebTestServer.PASSWORD);
        assertThat(journey.driver().findElement(By.cssSelector("[data-testid=history-total]")).getText())
                .isEqualTo((DEVICES + 1) + " devices");
        List<String> first = journey.deviceRows();
        assertThat(first).hasSize(50);
        assertThat(journey.driver().findElements(By.cssSelector("a[rel=prev]"))).isEmpty();

        journey.clickAndWait(By.cssSelector("a[rel=next]"));
        List<String> second = journey.deviceRows();
        journey.clickAndWait(By.cssSelector("a[rel=next]"));
        List<String> third = journey.deviceRows();
        assertThat(third).hasSize(DEVICES + 1 - 100);
        assertThat(journey.driver().findElements(By.cssSelector("a[rel=next]"))).isEmpty();
        assertThat(second).hasSize(50).doesNotContainAnyElementsOf(first).doesNotContainAnyElementsOf(third);
        Browsers.screenshot(journey.driver(), "history-last-page");

        journey.clickAndWait(By.cssSelector("a[rel=prev]"));
        assertThat(journey.deviceRows()).isEqualTo(second);
        journey.clickAndWait(By.cssSelector("a[rel=first]"));
        assertThat(journey.deviceRows()).isEqualTo(first);
        assertThat(journey.driver().findElements(By.cssSelector("a[rel=first]"))).isEmpty();
    }

    private static void search(Journey journey, String text) {
        WebElement box = journey.driver().findElement(By.id("header-q"));
        box.clear();
        box.sendKeys(text);
        journey.clickAndWait(By.cssSelector("form.header-search button[type=submit]"));
        journey.until(ExpectedConditions.urlContains("/search?q="));
    }

    /** 120 devices in a batch from "fleet-march-trucks.csv", one more in another file; returns the first batch. */
    private static long seed(WebTestServer server) {
        Map<String, Integer> devices = new LinkedHashMap<>();
        for (int n = 1; n <= DEVICES; n++) {
            devices.put(IntakeFiles.imei(n), 42);
        }
        long batch = DeviceSeeds.queued(server, devices);
        long other = DeviceSeeds.queued(server, Map.of(IntakeFiles.imei(900), 43));
        var dsl = DatabaseFixture.dsl(server.database());
        dsl.update(BATCH).set(BATCH.FILE_NAME, "fleet-march-trucks.csv").where(BATCH.ID.eq(batch)).execute();
        dsl.update(BATCH).set(BATCH.FILE_NAME, "april.csv").where(BATCH.ID.eq(other)).execute();
        new com.fleetprovisioner.db.device.DeviceCounters(dsl).recount();
        return batch;
    }
}
