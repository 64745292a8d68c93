package com.fleetprovisioner.web.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.device.DashboardFixtures;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.Browsers;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every page an admin can open, with data on it: at a phone's 390 px nothing scrolls sideways (tables
 * scroll inside themselves, the navigation folds away, long values wrap), and axe-core finds no
 * violation, in light and in dark.
 */
class PhoneAndAxeBrowserIT {
    @RegisterExtension
    static final BrowserTests<WebTestServer> browsers = BrowserTests.webServer(DatabaseKind.H2);
    private static WebTestServer server;
    private static Map<String, String> pages;

    @BeforeAll
    static void start() {
        server = browsers.server();
        pages = seed();
    }

    @Test
    void noPageScrollsSidewaysOnAPhone() {
        WebDriver browser = browsers.chromium();
        browser.manage().window().setSize(new Dimension(390, 844));
        signIn(browser);
        Map<String, Long> overflowing = new LinkedHashMap<>();
        for (Map.Entry<String, String> page : pages.entrySet()) {
            open(browser, page.getValue());
            long scroll = sideways(browser);
            if (scroll > 0) {
                overflowing.put(page.getKey() + " " + page.getValue(), scroll);
            }
        }
        Browsers.screenshot(browser, "phone-settings");
        assertThat(overflowing).as("pages wider than the screen (by px)").isEmpty();
        ((JavascriptExecutor) browser).executeScript("var d = document.createElement('div');"
                + "d.style.width = '1200px'; d.style.height = '1px'; document.getElementById('main').appendChild(d);");
        assertThat(sideways(browser)).as("the measure sees a page that is too wide").isPositive();

        open(browser, "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        assertThat(browser.findElement(By.cssSelector("header nav a[href='/settings']")).isDisplayed())
                .as("the menu is folded on a phone").isFalse();
        browser.findElement(By.cssSelector("header nav summary")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("header nav a[href='/settings']")));
        Browsers.screenshot(browser, "phone-menu");
    }

    @Test
    void axeFindsNoViolationOnAnyPageInLightOrDark() {
        WebDriver browser = browsers.chromium();
        browser.manage().window().setSize(new Dimension(1366, 900));
        List<String> found = new ArrayList<>();
        for (String scheme : List.of("light", "dark")) {
            ((ChromiumDriver) browser).executeCdpCommand("Emulation.setEmulatedMedia",
                    Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
            browser.manage().deleteAllCookies();
            open(browser, "/login");
            found.addAll(violations(browser, scheme, "login"));
            signIn(browser);
            for (Map.Entry<String, String> page : pages.entrySet()) {
                open(browser, page.getValue());
                found.addAll(violations(browser, scheme, page.getKey()));
            }
        }
        assertThat(found).as("axe-core violations").isEmpty();
        ((JavascriptExecutor) browser).executeScript("var i = document.createElement('img');"
                + "i.src = '/static/favicon.svg'; document.getElementById('main').appendChild(i);");
        assertThat(violations(browser, "dark", "with an image without alt text")).as("axe-core runs and sees it")
                .anySatisfy(v -> assertThat(v).contains("image-alt"));
    }

    private static long sideways(WebDriver browser) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).longValue();
    }

    private static List<String> violations(WebDriver browser, String scheme, String page) {
        Results results = new AxeBuilder().analyze(browser);
        List<String> out = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            out.add(scheme + " " + page + ": " + rule.getId() + " (" + rule.getImpact() + ") at "
                    + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(3)
                    .collect(Collectors.joining(", ")));
        }
        return out;
    }

    private static void signIn(WebDriver browser) {
        browser.get(server.uri("/login").toString());
        Browsers.signIn(browser, "admin", WebTestServer.PASSWORD);
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(".*:\\d+/$"));
    }

    private static void open(WebDriver browser, String path) {
        browser.get(server.uri(path).toString());
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("main")));
    }

    /** A batch with every outcome, a preview with errors, a draft; the pages that show them. */
    private static Map<String, String> seed() {
        var dsl = DatabaseFixture.dsl(server.database());
        long operator = server.user(Role.OPERATOR).id();
        Instant now = server.clock().instant();
        long batch = DashboardFixtures.batch(dsl, operator, "completed_with_failures",
                Optional.of("a-rather-long-file-name-for-the-november-vans-of-the-northern-depot.csv"), now.minus(Duration.ofDays(1)));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(IntakeFiles.imei(700 + i));
        }
        DashboardFixtures.devices(dsl, batch, operator, now.minus(Duration.ofDays(1)), ids);
        for (int i = 0; i < 8; i++) {
            DashboardFixtures.provisioned(dsl, ids.get(i), now.minus(Duration.ofHours(i)));
        }
        DashboardFixtures.state(dsl, ids.get(8), "failed");
        DashboardFixtures.state(dsl, ids.get(9), "cancelled");
        TestClient admin = server.client().signedIn("admin", WebTestServer.PASSWORD);
        String preview = admin.postFile("/batches/new", Optional.empty(), Map.of(), "problems.csv",
                IntakeFiles.csv("IMEI,Kind,Company,Phone\n" + IntakeFiles.imei(900) + ",genx,42,+15550100\n"
                        + "12345,genx,42,\n" + IntakeFiles.imei(901) + ",,abc,not-a-phone\n"))
                .headers().firstValue("Location").orElseThrow();
        admin.postFormWithCsrf("/tokens", Map.of("name", "nightly import from the depot's inventory system"));
        String columns = admin.postFile("/batches/new", Optional.empty(), Map.of(), "odd-header.csv",
                IntakeFiles.csv("Tracker IMEI,Device Type,Customer No\n" + IntakeFiles.imei(902) + ",genx,42\n"))
                .headers().firstValue("Location").orElseThrow();
        Map<String, String> out = new LinkedHashMap<>();
        out.put("dashboard", "/");
        out.put("add devices", "/batches/new");
        out.put("one device", "/devices/new");
        out.put("preview", preview);
        out.put("column mapping", columns);
        out.put("batches", "/batches");
        out.put("batch", "/batches/" + batch);
        out.put("cancel confirmation", "/batches/" + batch + "/requeue-failed");
        out.put("history", "/history");
        out.put("search", "/search?q=" + ids.get(0).substring(4, 9));
        out.put("device", "/history/" + ids.get(0));
        out.put("failed device edit", "/history/" + ids.get(8) + "/edit");
        out.put("tokens", "/tokens");
        out.put("users", "/admin/users");
        out.put("audit", "/admin/audit");
        out.put("settings", "/settings");
        out.put("notifications", "/admin/notifications");
        out.put("account", "/account");
        out.put("API description", "/docs/api");
        return out;
    }
}
