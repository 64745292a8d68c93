package com.fleetprovisioner.web.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.Browsers;
import com.fleetprovisioner.web.testing.Journey;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Issue 15 item 11: a user changes their own password in Chromium; their other sessions and tokens end. */
class PasswordChangeBrowserIT {
    private static final String NEW_PASSWORD = "violet-kettle-orbit-47";

    @RegisterExtension
    static final BrowserTests<WebTestServer> browsers = BrowserTests.webServerPerTest();
    private WebTestServer server;
    private WebDriver browser;

    @BeforeEach
    void open() {
        server = browsers.server(DatabaseKind.H2);
        browser = browsers.chromium();
    }

    @Test
    void anOperatorChangesTheirPasswordStaysSignedInAndEverythingElseEnds() {
        TestClient otherBrowser = server.client().signedIn("operator", WebTestServer.PASSWORD);
        String token = server.services().tokens().issue(Actor.system(), server.user(Role.OPERATOR), "script").rawToken();
        TestClient api = server.client();
        assertThat(api.send("GET", "/api/v1/me", Optional.of(token), Optional.empty()).statusCode()).isEqualTo(200);

        browser.get(server.uri("/account").toString());
        Browsers.signIn(browser, "operator", WebTestServer.PASSWORD);
        awaitUrlEnding("/account");
        browser.findElement(By.id("change-password-link")).click();
        awaitUrlEnding("/account/password");

        fill("wrong-current-password", NEW_PASSWORD, NEW_PASSWORD);
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("current-error")));
        assertThat(browser.findElement(By.id("current-error")).getText()).contains("current password is not right");

        fill(WebTestServer.PASSWORD, "passwordpassword", "passwordpassword");
        wait(ExpectedConditions.visibilityOfElementLocated(By.id("new-password-error")));
        assertThat(browser.findElement(By.id("new-password-error")).getText()).contains("too easy to guess");
        assertThat(otherBrowser.get("/").statusCode()).as("nothing changed yet").isEqualTo(200);

        fill(WebTestServer.PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
        awaitUrlEnding("/account");
        assertThat(browser.findElement(By.cssSelector(".flash")).getText())
                .contains("Your password was changed. Other sessions signed out: 1. API tokens revoked: 1.");
        Browsers.screenshot(browser, "password-changed");
        browser.get(server.uri("/").toString());
        assertThat(browser.findElement(By.cssSelector("[data-testid=current-user]")).getText())
                .as("this browser stays signed in").isEqualTo("operator");

        HttpResponse<String> other = otherBrowser.get("/");
        assertThat(other.statusCode()).as("the other session ended").isEqualTo(303);
        assertThat(other.headers().firstValue("Location").orElse("")).startsWith("/login");
        assertThat(api.send("GET", "/api/v1/me", Optional.of(token), Optional.empty()).statusCode())
                .as("the token was revoked").isEqualTo(401);
        assertThat(server.client().login("operator", WebTestServer.PASSWORD).statusCode()).isEqualTo(401);
        assertThat(server.client().login("operator", NEW_PASSWORD).statusCode()).isEqualTo(303);
        assertThat(server.services().audit().recent(20)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("user.password-changed");
            assertThat(e.details()).isEqualTo("other sessions ended: 1, API tokens revoked: 1");
        });
    }

    private void fill(String current, String password, String repeat) {
        browser.findElement(By.id("current-password")).sendKeys(current);
        browser.findElement(By.id("new-password")).sendKeys(password);
        browser.findElement(By.id("repeat-password")).sendKeys(repeat);
        org.openqa.selenium.WebElement page = browser.findElement(By.tagName("html"));
        browser.findElement(By.id("change-password")).click();
        wait(d -> Journey.isStale(page));
    }

    private void awaitUrlEnding(String suffix) {
        wait(ExpectedConditions.urlMatches(".*" + Pattern.quote(suffix) + "$"));
    }

    private <T> void wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(condition);
    }
}
