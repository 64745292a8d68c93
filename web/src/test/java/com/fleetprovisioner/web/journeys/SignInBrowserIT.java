package com.fleetprovisioner.web.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.Browsers;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The sign-in journeys in a real headless Chromium. */
class SignInBrowserIT {
    @RegisterExtension
    static final BrowserTests<WebTestServer> browsers = BrowserTests.webServer(DatabaseKind.H2);
    private WebTestServer server;
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        server = browsers.server();
        browser = browsers.chromium();
    }

    @Test
    void anAdminSignsInIsSentBackToThePageAskedForAndCreatesAUser() {
        browser.get(server.uri("/admin/users").toString());
        assertThat(browser.getCurrentUrl()).contains("/login?next=");
        assertThat(browser.findElement(By.cssSelector(".banner-simulator")).getText()).contains("No real device is added");
        Browsers.screenshot(browser, "login");

        signIn("admin", WebTestServer.PASSWORD);
        awaitUrlEnding("/admin/users");
        assertThat(browser.findElement(By.cssSelector("[data-testid=current-user]")).getText()).isEqualTo("admin");

        browser.findElement(By.id("new-username")).sendKeys("erin");
        new Select(browser.findElement(By.id("new-role"))).selectByValue("viewer");
        browser.findElement(By.id("new-password")).sendKeys("erins-long-password");
        browser.findElement(By.cssSelector("form[action='/admin/users'] button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("User erin created as viewer");
        assertThat(browser.findElement(By.cssSelector("tr[data-user=erin]")).getText()).contains("Enabled");
        Browsers.screenshot(browser, "users");
    }

    @Test
    void aViewerSeesNoAdminNavigationAndIsRefusedTheUsersPage() {
        browser.get(server.uri("/").toString());
        signIn("viewer", WebTestServer.PASSWORD);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
        List<String> nav = browser.findElements(By.cssSelector("header nav a")).stream().map(WebElement::getText).toList();
        assertThat(nav).contains("Dashboard", "API tokens").doesNotContain("Users");
        Browsers.screenshot(browser, "dashboard");

        browser.get(server.uri("/admin/users").toString());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Not allowed");

        browser.get(server.uri("/").toString());
        browser.findElement(By.cssSelector("form.signout button")).click();
        awaitUrlEnding("/login");
        assertThat(browser.findElement(By.cssSelector(".flash")).getText()).isEqualTo("You are signed out.");
    }

    @Test
    void aWrongPasswordIsSaidPlainlyAndKeepsTheUserName() {
        browser.get(server.uri("/login").toString());
        signIn("operator", "not-the-password");
        assertThat(browser.findElement(By.id("login-error")).getText()).isEqualTo("Wrong user name or password.");
        assertThat(browser.findElement(By.id("username")).getAttribute("value")).isEqualTo("operator");
    }

    /** A form post navigates asynchronously: wait (bounded) for the page it leads to. */
    private void awaitUrlEnding(String suffix) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(ExpectedConditions.urlMatches(".*" + Pattern.quote(suffix) + "$"));
    }

    private void signIn(String username, String password) {
        Browsers.signIn(browser, username, password);
    }
}
