package com.fleetprovisioner.web.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.render.Messages;
import com.fleetprovisioner.web.testing.BrowserTests;
import com.fleetprovisioner.web.testing.Browsers;
import com.fleetprovisioner.web.testing.DeviceSeeds;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Chromium set to French (Canada) gets the pages in French until its user chooses English on their
 * account page; Chromium set to English gets French once its user chooses French.
 */
class LanguageBrowserIT {
    @RegisterExtension
    static final BrowserTests<WebTestServer> browsers = BrowserTests.webServerPerTest();

    @Test
    void aFrenchBrowserReadsFrenchUntilItsUserChoosesEnglish() {
        WebTestServer server = browsers.server(DatabaseKind.H2);
        WebDriver browser = browsers.chromium("fr-CA");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(server.uri("/").toString());
        assertThat(browser.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).getText())
                .isEqualTo(text(Messages.FRENCH, "login.submit"));
        Browsers.signIn(browser, "operator", WebTestServer.PASSWORD);
        wait.until(ExpectedConditions.urlMatches(".*:\\d+/$"));
        assertShown(browser, Messages.FRENCH, "dashboard.title");
        Browsers.screenshot(browser, "dashboard-fr-CA");

        // a device event, written by the core as a key with Fleet Freedom's words as its argument
        DeviceSeeds.queued(server, Map.of("356938035649991", 42));
        long device = server.services().devices().findByProviderId("356938035649991").orElseThrow().id();
        server.services().devices().append(DeviceEvent.byWorker(device, server.clock().instant(),
                DeviceEvent.Type.FAILED, 3, 4, Text.of("event.text.gaveUp", 3, "company does not exist"), "w1"));
        browser.get(server.uri("/history/356938035649991").toString());
        assertThat(browser.findElements(By.cssSelector("table.timeline td.event-text")))
                .extracting(WebElement::getText).containsExactly(text(Messages.FRENCH, "event.text.submitted"),
                        "Abandon après 3 tentatives. Dernière réponse : company does not exist");
        Browsers.screenshot(browser, "device-fr-CA");

        browser.findElement(By.cssSelector("header nav a[href='/batches/new']")).click();
        wait.until(ExpectedConditions.urlMatches(".*/batches/new$"));
        assertShown(browser, Messages.FRENCH, "intake.new.heading");

        choose(browser, wait, "en", Messages.ENGLISH);
        open(browser, server, "/", Messages.ENGLISH, "dashboard.title");
        open(browser, server, "/batches/new", Messages.ENGLISH, "intake.new.heading");
    }

    @Test
    void anEnglishBrowserReadsFrenchOnceItsUserChoosesFrench() {
        WebTestServer server = browsers.server(DatabaseKind.H2);
        WebDriver browser = browsers.chromium();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get(server.uri("/").toString());
        Browsers.signIn(browser, "viewer", WebTestServer.PASSWORD);
        wait.until(ExpectedConditions.urlMatches(".*:\\d+/$"));
        assertShown(browser, Messages.ENGLISH, "dashboard.title");

        choose(browser, wait, "fr-CA", Messages.FRENCH);
        open(browser, server, "/", Messages.FRENCH, "dashboard.title");

        // automatic: the browser's English again
        choose(browser, wait, "", Messages.ENGLISH);
        open(browser, server, "/", Messages.ENGLISH, "dashboard.title");
    }

    /**
     * Through the menu to the account page, where the choice is a select and its own button; the
     * flash that confirms it is already in the language chosen.
     */
    private static void choose(WebDriver browser, WebDriverWait wait, String tag, Locale expected) {
        browser.findElement(By.cssSelector("header nav a[href='/account']")).click();
        wait.until(ExpectedConditions.urlMatches(".*/account$"));
        new Select(browser.findElement(By.id("account-language"))).selectByValue(tag);
        browser.findElement(By.id("account-language-save")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".flash")));
        assertThat(browser.findElement(By.cssSelector(".flash")).getText())
                .isEqualTo(text(expected, "account.language.saved"));
    }

    private static void open(WebDriver browser, WebTestServer server, String path, Locale language, String key) {
        browser.get(server.uri(path).toString());
        assertShown(browser, language, key);
    }

    private static void assertShown(WebDriver browser, Locale language, String key) {
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(language.toLanguageTag());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text(language, key));
    }

    private static String text(Locale language, String key) {
        return Messages.text(language, key);
    }
}
