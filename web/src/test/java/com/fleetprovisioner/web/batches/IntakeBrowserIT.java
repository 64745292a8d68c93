package com.fleetprovisioner.web.batches;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.Browsers;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The intake journey in a real headless Chromium: a file with errors, its problems fixed, submitted. */
class IntakeBrowserIT {
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
    }

    @Test
    void anOperatorFixesTheProblemsOfAnUploadAndSubmitsIt() throws Exception {
        Path first = Files.write(dir.resolve("vendor-list.xlsx"), IntakeFiles.xlsx(List.of(
                List.of("Reporting ID", "Type", "Company", "Label"),
                List.of(356938035643809L, "genx", 42, "Van 1"),
                List.of("12345", "genx", 42, "Van 2"),
                List.of(IntakeFiles.imei(7), "unknown", 43, "Van 3"))));
        browser.get(server.uri("/").toString());
        signIn();
        browser.findElement(By.linkText("Add devices")).click();
        upload(first);

        assertThat(browser.findElement(By.cssSelector("[data-testid=total-errors]")).getText()).isEqualTo("2");
        assertThat(browser.findElement(By.cssSelector("tr[data-row='3'] td.error")).getText())
                .contains("The id has 5 characters; Fleet Freedom needs 10 to 50.");
        assertThat(browser.findElement(By.cssSelector("tr[data-row='4'] td.error")).getText())
                .contains("\"unknown\" is not a kind Fleet Freedom accepts");
        browser.findElement(By.id("filter-problems")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("problems=true"));
        assertThat(browser.findElements(By.cssSelector("#rows tbody tr"))).hasSize(2);
        Browsers.screenshot(browser, "intake-preview-errors");

        String problemsUrl = browser.findElement(By.id("problems-xlsx")).getAttribute("href");
        TestClient sameUser = server.client().signedIn("operator", WebTestServer.PASSWORD);
        byte[] problems = sameUser.download(problemsUrl.substring(problemsUrl.indexOf("/batches/"))).body();
        Path fixed = Files.write(dir.resolve("vendor-list-fixed.xlsx"), fix(problems));

        browser.findElement(By.id("filter-all")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(".*/preview$"));
        browser.findElement(By.id("submit-batch")).click();
        assertThat(browser.findElement(By.cssSelector(".flash")).getText())
                .isEqualTo("Submitted: 1 device(s) queued for provisioning.");

        // a submit leads to the batch's own page; the next file starts from "Add devices" again
        assertThat(browser.findElement(By.tagName("h1")).getText()).startsWith("Batch");
        browser.findElement(By.linkText("Add devices")).click();
        upload(fixed);
        assertThat(browser.findElement(By.cssSelector("[data-testid=total-errors]")).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.cssSelector("[data-testid=total-valid]")).getText()).isEqualTo("2");
        browser.findElement(By.id("submit-batch")).click();

        assertThat(browser.findElement(By.cssSelector(".flash")).getText())
                .isEqualTo("Submitted: 2 device(s) queued for provisioning.");
        assertThat(browser.findElement(By.cssSelector("[data-count='queued']")).getText()).isEqualTo("2");
        Browsers.screenshot(browser, "intake-submitted");
        assertThat(IntakeIT.queued(server)).containsExactlyInAnyOrder("356938035643809", "123456789012347", IntakeFiles.imei(7));
    }

    private void upload(Path file) {
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        browser.findElement(By.cssSelector("form[action='/batches/new'] button[type=submit]")).click();
    }

    /** What the person does in Excel: correct the cells the Problems column points at, drop that column. */
    private static byte[] fix(byte[] problems) throws Exception {
        List<List<Object>> rows = new ArrayList<>();
        DataFormatter formatter = new DataFormatter();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(problems))) {
            for (Row row : workbook.getSheetAt(0)) {
                List<Object> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum() - 1; c++) {
                    cells.add(formatter.formatCellValue(row.getCell(c)));
                }
                rows.add(cells);
            }
        }
        assertThat(rows.get(0)).containsExactly("Reporting ID", "Type", "Company", "Label");
        assertThat(rows).hasSize(3);
        rows.get(1).set(0, "123456789012347");
        rows.get(2).set(1, "teltonika");
        return IntakeFiles.xlsx(rows);
    }

    private void signIn() {
        Browsers.signInAndAwait(browser, "operator", WebTestServer.PASSWORD);
    }
}
