package com.fleetprovisioner.app.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.app.EmbeddedApp;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.simulator.ControlClient;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.Journey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The whole product in one JVM driven from a real browser: an operator starts a reconciliation from its page,
 * watches the page follow the run to its end without reloading, exports the rows, and imports the devices
 * found only in Fleet Freedom through the confirmation page.
 */
class ReconciliationBrowserIT {
    @RegisterExtension
    static final BrowserTests<EmbeddedApp> browsers = BrowserTests.perTest(app -> "http://127.0.0.1:" + app.port());
    private static final String PASSWORD = "journey-admin-password";

    @Test
    void aReconciliationIsRunFromItsPageFollowedToItsEndExportedAndItsUnknownDevicesImported(@TempDir Path dir)
            throws Exception {
        AppConfig config = AppConfig.from(Map.of("FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1",
                "FP_DB_URL", "jdbc:h2:mem:reconcile-journey-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                "FP_ADMIN_PASSWORD", PASSWORD, "FP_SEND_RATE", "0"));
        EmbeddedApp app = browsers.server(() -> EmbeddedApp.start(config, SecretBox.random(), Clock.systemUTC()));
        Journey admin = browsers.journey(Files.createDirectory(dir.resolve("downloads")), Duration.ofSeconds(90));
        ControlClient control = ControlClient.of(app.simulator().orElseThrow());
        assertThat(control.send("POST", "/seed", "{\"providers\":[{\"id\":\"356938035643809\",\"kind\":\"calamp\","
                + "\"company\":42},{\"id\":\"356938035643817\",\"kind\":\"genx\",\"company\":43}]}").statusCode())
                .isEqualTo(200);

        admin.signInAt("/reconciliations", "admin", PASSWORD);
        admin.driver().findElement(By.id("company")).sendKeys("42");
        admin.clickAndWait(By.id("start-reconciliation"));
        admin.until(ExpectedConditions.urlMatches("/reconciliations/\\d+$"));
        admin.markPage();
        admin.until(ExpectedConditions.textToBe(By.id("run-state"), "Completed"));
        assertThat(admin.samePage()).as("the page followed the run without reloading").isTrue();
        assertThat(admin.text(By.cssSelector("[data-count=unknownHere]"))).isEqualTo("Unknown here: 2");
        assertThat(admin.text(By.cssSelector("[data-count=matched]"))).isEqualTo("Matched: 0");

        Path csv = admin.download(By.id("export-csv"), ".csv");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("Category").contains("Device id").contains("Company in Fleet Freedom");
        assertThat(lines.subList(1, 3)).containsExactly("Unknown here,356938035643809,calamp,42,,,",
                "Unknown here,356938035643817,genx,43,,,");

        admin.until(ExpectedConditions.visibilityOfElementLocated(By.id("import-unknown")));
        admin.clickAndWait(By.id("import-unknown"));
        assertThat(admin.text(By.id("consequence"))).startsWith("2 devices found in Fleet Freedom");
        admin.clickAndWait(By.id("confirm"));
        assertThat(admin.text(By.cssSelector(".flash"))).startsWith("2 devices recorded as already present");
        admin.visit("/history?state=pre_existing");
        assertThat(admin.driver().getPageSource()).contains("356938035643809").contains("356938035643817");
    }
}
