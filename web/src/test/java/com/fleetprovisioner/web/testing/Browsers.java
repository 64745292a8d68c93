package com.fleetprovisioner.web.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium for the user-journey tests: Debian's /usr/bin/chromium and /usr/bin/chromedriver
 * when present (CI installs them), otherwise whatever Selenium's own driver management finds.
 */
public final class Browsers {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration IMPLICIT_WAIT = Duration.ofSeconds(2);

    private Browsers() {
    }

    public static WebDriver chromium() {
        return start(new ChromeOptions(), Optional.empty(), "en-US");
    }

    /** As {@link #chromium()}, set to {@code language} (e.g. fr-CA): its UI and its Accept-Language. */
    public static WebDriver chromium(String language) {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        return start(options, Optional.empty(), language);
    }

    /** As {@link #chromium()}, saving every download into {@code downloads} without asking. */
    public static WebDriver chromium(Path downloads) {
        String folder = downloads.toAbsolutePath().toString();
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", Map.of("download.default_directory", folder,
                "download.prompt_for_download", false, "download.directory_upgrade", true));
        return start(options, Optional.of(folder), "en-US");
    }

    private static WebDriver start(ChromeOptions options, Optional<String> downloads, String language) {
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--lang=" + language);
        if (Files.isExecutable(CHROMIUM)) {
            options.setBinary(CHROMIUM.toFile());
        }
        ChromeDriver driver;
        if (Files.isExecutable(CHROMEDRIVER)) {
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            driver = new ChromeDriver(service, options);
        } else {
            driver = new ChromeDriver(options);
        }
        driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
        // headless Chromium may ignore the profile preference; the DevTools command always applies
        downloads.ifPresent(folder -> driver.executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", folder)));
        return driver;
    }

    /**
     * The file ending in {@code suffix} once Chromium has finished writing it into {@code downloads}
     * (no {@code .crdownload} left), waiting at most {@code timeout}.
     */
    public static Path awaitDownload(Path downloads, String suffix, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Stream<Path> files = Files.list(downloads)) {
                List<Path> all = files.toList();
                boolean writing = all.stream().anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
                Optional<Path> done = all.stream().filter(f -> f.getFileName().toString().endsWith(suffix)).findFirst();
                if (done.isPresent() && !writing) {
                    return done.get();
                }
                Thread.sleep(100);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("No finished *" + suffix + " download in " + downloads + " after " + timeout);
    }

    /** What the server answered to a request the page itself sent. */
    public record Answer(int status, String body) {
    }

    /**
     * Sends a POST from the page the browser shows (same origin, its session cookie, the page's CSRF
     * token), as someone would from the developer console: {@code fields} as a form, plus a file
     * field {@code file} holding {@code fileText} when that is not null. Redirects are not followed.
     */
    public static Answer postFromPage(WebDriver driver, String path, Map<String, String> fields, String fileText) {
        String script = """
                var done = arguments[arguments.length - 1];
                var fields = arguments[1];
                var body = new FormData();
                Object.keys(fields).forEach(function (k) { body.append(k, fields[k]); });
                body.append("_csrf", document.querySelector("input[name='_csrf']").value);
                if (arguments[2] !== null) {
                  body.append("file", new Blob([arguments[2]], { type: "text/csv" }), "devices.csv");
                }
                fetch(arguments[0], { method: "POST", body: body, credentials: "same-origin", redirect: "manual" })
                  .then(function (r) { return r.text().then(function (t) { done([r.status, t]); }); })
                  .catch(function (e) { done([-1, String(e)]); });
                """;
        List<?> answer = (List<?>) ((JavascriptExecutor) driver).executeAsyncScript(script, path, fields, fileText);
        return new Answer(((Number) answer.get(0)).intValue(), String.valueOf(answer.get(1)));
    }

    /** Fills and sends the sign-in form the browser shows (it asked for a page and was sent to sign in). */
    public static void signIn(WebDriver driver, String username, String password) {
        driver.findElement(By.id("username")).clear();
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
    }

    /**
     * {@link #signIn} and waits until the app has taken the browser past the login page: a page asked for
     * before that may go out without the new session, and land on the login page again.
     */
    public static void signInAndAwait(WebDriver driver, String username, String password) {
        signIn(driver, username, password);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /** Saves what the browser shows to target/screenshots/NAME.png, for people and for the README. */
    public static void screenshot(WebDriver driver, String name) {
        try {
            Path directory = Path.of("target", "screenshots");
            Files.createDirectories(directory);
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.write(directory.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
