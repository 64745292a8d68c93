package com.fleetprovisioner.web.batches;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.Browsers;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The column mapping step and the partial submit in a real headless Chromium. */
class ColumnMappingBrowserIT {
    @RegisterExtension
    static final BrowserTests<WebTestServer> browsers = BrowserTests.webServer(DatabaseKind.H2);
    private WebTestServer server;
    private WebDriver browser;

    @TempDir
    Path dir;

    @BeforeEach
    void openBrowser() {
        server = browsers.server();
        browser = browsers.chromium();
        browser.get(server.uri("/").toString());
        Browsers.signInAndAwait(browser, "operator", WebTestServer.PASSWORD);
    }

    @Test
    void anOddHeaderIsMappedByHandSubmittedAndMappedAutomaticallyNextTime() throws Exception {
        upload(file("odd.csv", ColumnMappingIT.ODD), "");
        awaitUrl("/batches/new/columns/");
        assertThat(browser.findElement(By.cssSelector("tr[data-column='1']")).getText()).contains("Tracker IMEI",
                IntakeFiles.imei(11));
        choose(1, "id");
        choose(2, "kind");
        choose(3, "company");
        Browsers.screenshot(browser, "intake-columns");
        browser.findElement(By.id("confirm-columns")).click();
        awaitUrl("/preview");
        assertThat(browser.findElement(By.cssSelector("[data-testid=total-valid]")).getText()).isEqualTo("3");
        assertThat(browser.findElement(By.cssSelector("[data-testid=total-errors]")).getText()).isEqualTo("0");
        browser.findElement(By.id("submit-batch")).click();
        assertThat(browser.findElement(By.cssSelector(".flash")).getText())
                .isEqualTo("Submitted: 3 device(s) queued for provisioning.");

        upload(file("odd-2.csv", "Tracker IMEI,Device Type,Customer No\n" + IntakeFiles.imei(31) + ",genx,\n"
                + IntakeFiles.imei(32) + ",genx,43\n"), "42");
        awaitUrl("/preview");
        assertThat(browser.findElement(By.cssSelector(".notices")).getText()).contains("confirmed earlier");
        assertThat(browser.findElement(By.cssSelector("[data-testid=total-valid]")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.cssSelector("tr[data-row='2'] [data-testid=from-default]")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.cssSelector("tr[data-row='2']")).getText()).contains("42");
        browser.findElement(By.id("change-columns")).click();
        awaitUrl("/batches/new/columns/");
        assertThat(new Select(browser.findElement(By.id("field_3"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("company");
    }

    @Test
    void aFileWithoutHeaderIsMappedByColumnNumber() throws Exception {
        upload(file("plain.csv", "genx," + IntakeFiles.imei(41) + "\ncalamp," + IntakeFiles.imei(42) + "\n"), "42");
        awaitUrl("/batches/new/columns/");
        browser.findElement(By.id("firstRowIsData")).click();
        browser.findElement(By.id("toggle-header")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.elementSelectionStateToBe(
                By.id("firstRowIsData"), true));
        assertThat(browser.findElement(By.cssSelector("tr[data-column='2']")).getText()).contains(IntakeFiles.imei(41),
                IntakeFiles.imei(42));
        choose(1, "kind");
        choose(2, "id");
        browser.findElement(By.id("confirm-columns")).click();
        awaitUrl("/preview");
        assertThat(browser.findElement(By.cssSelector("[data-testid=total-valid]")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.cssSelector(".notices")).getText()).contains("no header row");
    }

    @Test
    void aPartialSubmitLeavesTheTwoWarnedRowsInTheDraft() throws Exception {
        String wrongCheckDigit1 = "356938035643808";
        String wrongCheckDigit2 = "356938035643807";
        upload(file("mixed.csv", "IMEI,Kind,Company\n" + IntakeFiles.imei(51) + ",genx,42\n" + wrongCheckDigit1
                + ",genx,42\n" + IntakeFiles.imei(52) + ",genx,43\n" + wrongCheckDigit2 + ",genx,42\n"), "");
        awaitUrl("/preview");
        String draft = browser.getCurrentUrl().replaceAll("^.*/batches/(\\d+)/preview.*$", "$1");
        assertThat(browser.findElement(By.cssSelector("[data-testid=total-warnings]")).getText()).isEqualTo("2");
        browser.findElement(By.id("submit-valid")).click();
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("2 device(s) queued",
                "2 row(s) stay in draft batch " + draft, "2 with warnings");

        browser.get(server.uri("/batches").toString());
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-draft='" + draft + "']")));
        browser.get(server.uri("/batches/" + draft + "/preview").toString());
        assertThat(browser.findElement(By.cssSelector("[data-testid=total-rows]")).getText()).isEqualTo("2");
        assertThat(browser.findElements(By.cssSelector("#rows tbody tr")).stream().map(r -> r.getAttribute("data-row")))
                .containsExactly("3", "5");
        assertThat(IntakeIT.queued(server)).contains(IntakeFiles.imei(51), IntakeFiles.imei(52))
                .doesNotContain(wrongCheckDigit1, wrongCheckDigit2);
    }

    private Path file(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private void upload(Path file, String defaultCompany) {
        browser.get(server.uri("/batches/new").toString());
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        new Select(browser.findElement(By.id("defaultCompany"))).selectByValue(defaultCompany);
        browser.findElement(By.cssSelector("form[action='/batches/new'] button[type=submit]")).click();
    }

    private void choose(int column, String field) {
        new Select(browser.findElement(By.id("field_" + column))).selectByValue(field);
    }

    private void awaitUrl(String part) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.urlContains(part));
    }
}
