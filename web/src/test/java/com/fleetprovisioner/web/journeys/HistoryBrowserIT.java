package com.fleetprovisioner.web.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.Browsers;
import com.fleetprovisioner.web.testing.DeviceSeeds;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.Journey;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A viewer looks devices up in the history, opens one, exports what is filtered, in a real browser. */
class HistoryBrowserIT {
    @RegisterExtension
    static final BrowserTests<WebTestServer> browsers = BrowserTests.webServerPerTest();
    private static final Instant BILLED = Instant.parse("2026-11-27T10:15:30.123Z");

    @Test
    void aViewerFindsADeviceByIdPrefixAndSeesWhenItsBillingStarted() {
        WebTestServer server = browsers.server(DatabaseKind.H2);
        seed(server);
        WebDriver browser = browsers.chromium();
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
    }

    @Test
    void theExportsDownloadExactlyTheFilteredRows(@TempDir Path downloads) {
        // provisioned in company 42: 1 and 3; provisioned elsewhere: 2 and 4; company 42 but waiting: 5
        Map<String, Integer> companies = new LinkedHashMap<>();
        for (int n = 1; n <= 6; n++) {
            companies.put(IntakeFiles.imei(n), n % 2 == 1 ? 42 : 43);
        }
        WebTestServer server = browsers.server(DatabaseKind.H2);
        DeviceSeeds.queued(server, companies);
        DeviceSeeds.provisioned(server, BILLED, IntakeFiles.imei(1), IntakeFiles.imei(2), IntakeFiles.imei(3), IntakeFiles.imei(4));
        Journey journey = browsers.journey(downloads, Duration.ofSeconds(20));
        journey.signInAt("/history", "viewer", WebTestServer.PASSWORD);
        assertThat(journey.deviceRows()).hasSize(6);
        new Select(journey.driver().findElement(By.id("state"))).selectByValue("provisioned");
        // the company picked by name from Fleet Freedom's tree
        new Select(journey.driver().findElement(By.id("company"))).selectByVisibleText("Demo Fleet (42)");
        journey.clickAndWait(By.cssSelector("form.filters button[type=submit]"));
        List<String> shown = journey.deviceRows();
        assertThat(shown).containsExactlyInAnyOrder(IntakeFiles.imei(1), IntakeFiles.imei(3));

        Path csv = journey.download(By.id("export-csv"), ".csv");
        Path xlsx = journey.download(By.id("export-xlsx"), ".xlsx");

        List<List<String>> csvRows = readCsv(csv);
        List<List<String>> xlsxRows = IntakeFiles.readXlsx(xlsx);
        for (List<List<String>> rows : List.of(csvRows, xlsxRows)) {
            assertThat(rows.get(0).get(0)).isEqualTo("Device id");
            assertThat(rows.subList(1, rows.size())).extracting(r -> r.get(0))
                    .containsExactlyInAnyOrderElementsOf(shown);
            assertThat(rows.subList(1, rows.size())).allSatisfy(r -> assertThat(r).contains("42", "provisioned"));
        }
    }

    private static List<List<String>> readCsv(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            assertThat(in.read()).as("the byte order mark Excel needs").isEqualTo('\uFEFF');
            return CSVFormat.RFC4180.parse(in).getRecords().stream().map(CSVRecord::toList).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void seed(WebTestServer server) {
        DeviceSeeds.queued(server, Map.of("356938035643809", 42, "490154203237518", 42, "352099001761481", 42));
        DeviceSeeds.provisioned(server, BILLED, "356938035643809");
    }
}
