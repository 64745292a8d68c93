package com.fleetprovisioner.app.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.app.EmbeddedApp;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.DatabaseUrl;
import com.fleetprovisioner.db.testing.TestDatabases;
import com.fleetprovisioner.simulator.ControlClient;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.Journey;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The whole product in one JVM on H2 and PostgreSQL, from a real browser: a device added by hand with its
 * company and configuration chosen by name (the configurations follow the company without a reload) is
 * provisioned with them at the simulator; History is filtered by picked company, kind and submitter; and with
 * the simulator refusing connections (its control API) the pickers become typed numbers with a notice.
 */
class PickersBrowserIT {
    @RegisterExtension
    static final BrowserTests<EmbeddedApp> browsers = BrowserTests.perTest(PickersBrowserIT::start,
            app -> "http://127.0.0.1:" + app.port());
    private static final String PASSWORD = "journey-admin-password";
    private static final Pattern QUEUED_IN_BATCH = Pattern.compile("queued for provisioning \\(batch (\\d+)\\)");

    private static EmbeddedApp start(DatabaseKind kind) {
        DatabaseUrl url = TestDatabases.freshUrl(kind);
        return EmbeddedApp.start(AppConfig.from(Map.of("FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1",
                "FP_DB_URL", url.url(), "FP_DB_USER", url.user(), "FP_DB_PASSWORD", url.password(),
                "FP_ADMIN_PASSWORD", PASSWORD, "FP_SEND_RATE", "0", "FP_SWEEP_SECONDS", "2")),
                SecretBox.random(), Clock.systemUTC());
    }

    /** Picks the option whose text, indentation aside, is {@code label}: what a person reads and clicks. */
    private static void pick(Journey journey, String field, String label) {
        Select select = new Select(journey.driver().findElement(By.id(field)));
        WebElement option = select.getOptions().stream()
                .filter(o -> o.getText().replace('\u00a0', ' ').strip().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no option '" + label + "' in #" + field));
        select.selectByValue(option.getAttribute("value"));
    }

    private static String addByHand(Journey admin, EmbeddedApp app, String id, String kind, String company,
            String configuration) {
        admin.visit("/devices/new");
        admin.driver().findElement(By.id("id")).sendKeys(id);
        pick(admin, "kind", kind);
        pick(admin, "company", company);
        if (configuration != null) {
            // app.js asks for the chosen company's configurations and refills the list in place
            admin.until(d -> new Select(d.findElement(By.id("config"))).getOptions().stream()
                    .anyMatch(o -> o.getText().equals(configuration)));
            pick(admin, "config", configuration);
        }
        assertThat(admin.driver().findElement(By.cssSelector("[data-load-configurations]")).isDisplayed())
                .as("the no-JavaScript button is hidden").isFalse();
        if (configuration != null) {
            admin.screenshot("single-device-pickers");
        }
        admin.clickAndWait(By.cssSelector("form[action='/devices/new'] button[type=submit]"));
        String flash = admin.text(By.cssSelector(".flash"));
        Matcher batch = QUEUED_IN_BATCH.matcher(flash);
        assertThat(batch.find()).as(flash).isTrue();
        return batch.group(1);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aDeviceWithItsCompanyAndConfigurationChosenByNameIsProvisionedWithThemAndFoundByPickedFilters(
            DatabaseKind kind, @TempDir Path downloads) {
        String east = IntakeFiles.imei(701);
        String home = IntakeFiles.imei(702);
        EmbeddedApp app = browsers.server(kind);
        Journey admin = browsers.journey(downloads, Duration.ofSeconds(90));
        Simulator simulator = app.simulator().orElseThrow();
        admin.signInAt("/devices/new", "admin", PASSWORD);
        String batch = addByHand(admin, app, east, "genx", "Demo Fleet — East (43)", "East depot (7003)");
        addByHand(admin, app, home, "calamp", "Demo Fleet (42)", null);

        admin.visit("/batches/" + batch);
        admin.awaitBatchPercent("100 %");
        assertThat(simulator.world().provider(east)).get().satisfies(p -> {
            assertThat(p.company()).isEqualTo(43);
            assertThat(p.configuration()).isEqualTo(7003L);
            assertThat(p.kind()).isEqualTo("genx");
        });
        assertThat(simulator.ledger().creations(east)).isEqualTo(1);

        admin.visit("/history");
        pick(admin, "company", "Demo Fleet — East (43)");
        admin.clickAndWait(By.cssSelector("form.filters button[type=submit]"));
        assertThat(admin.deviceRows()).containsExactly(east);
        pick(admin, "company", "Any company");
        pick(admin, "kind", "calamp");
        admin.clickAndWait(By.cssSelector("form.filters button[type=submit]"));
        assertThat(admin.deviceRows()).containsExactly(home);
        pick(admin, "kind", "Any kind");
        pick(admin, "submitter", "admin");
        admin.clickAndWait(By.cssSelector("form.filters button[type=submit]"));
        assertThat(admin.deviceRows()).containsExactlyInAnyOrder(east, home);
        assertThat(admin.driver().getCurrentUrl()).contains("submitter=admin");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void withFleetFreedomRefusingConnectionsThePickersBecomeTypedNumbersWithANotice(DatabaseKind kind,
            @TempDir Path downloads) {
        EmbeddedApp app = browsers.server(kind);
        Journey admin = browsers.journey(downloads, Duration.ofSeconds(90));
        Simulator simulator = app.simulator().orElseThrow();
        admin.signInAt("/devices/new", "admin", PASSWORD);
        assertThat(admin.driver().findElement(By.id("company")).getTagName()).isEqualTo("select");

        assertThat(ControlClient.of(simulator).send("PATCH", "/faults", "{\"refuseConnections\":true}").statusCode())
                .isEqualTo(200);
        simulator.restart(); // drops the connection the app had; new ones are refused
        admin.clickAndWait(By.cssSelector("[data-testid=refresh-pickers]"));

        admin.until(ExpectedConditions.urlContains("/devices/new"));
        WebElement company = admin.driver().findElement(By.id("company"));
        assertThat(company.getTagName()).isEqualTo("input");
        assertThat(company.getAttribute("inputmode")).isEqualTo("numeric");
        assertThat(admin.text(By.id("company-missing")))
                .isEqualTo("Fleet Freedom could not be reached; type the company number.");
        assertThat(admin.driver().findElement(By.id("config")).getTagName()).isEqualTo("input");
        assertThat(admin.text(By.cssSelector(".flash"))).contains("type the numbers meanwhile");
        admin.screenshot("single-device-typed");

        admin.visit("/history");
        assertThat(admin.driver().findElement(By.id("company")).getTagName()).isEqualTo("input");
        assertThat(admin.driver().findElement(By.id("kind")).getTagName()).as("kinds need no Fleet Freedom")
                .isEqualTo("select");
    }
}
