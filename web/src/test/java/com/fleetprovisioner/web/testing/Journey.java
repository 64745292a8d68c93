package com.fleetprovisioner.web.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's browser on one server, with the steps the journeys share: sign in, upload a file and
 * reach its preview, submit a batch and land on its page, follow a batch page without a reload,
 * download an export. Every step waits for the page it leads to.
 */
public final class Journey implements AutoCloseable {
    private static final Pattern BATCH_PAGE = Pattern.compile("/batches/(\\d+)$");

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final String base;
    private final Path downloads;

    private Journey(WebDriver driver, String base, Path downloads, Duration patience) {
        this.driver = driver;
        this.base = base;
        this.downloads = downloads;
        this.wait = new WebDriverWait(driver, patience);
    }

    /** A fresh headless Chromium on {@code base} (http://host:port), saving downloads into {@code downloads}. */
    public static Journey open(String base, Path downloads, Duration patience) {
        return new Journey(Browsers.chromium(downloads), base, downloads, patience);
    }

    public WebDriver driver() {
        return driver;
    }

    public <T> T until(ExpectedCondition<T> condition) {
        return wait.until(condition);
    }

    public void visit(String path) {
        driver.get(base + path);
    }

    /** Asks for {@code path}, signs in on the form the server answers with, and waits to be back at it. */
    public void signInAt(String path, String username, String password) {
        visit(path);
        Browsers.signIn(driver, username, password);
        wait.until(ExpectedConditions.urlToBe(base + path));
    }

    /**
     * Clicks and waits for the next page to replace this one. The target is located right before the
     * click; ChromeDriver can fail a click whose page is being replaced under it ("Node with given id does
     * not belong to the document") — then the click is tried again only if this page is still the one shown,
     * so a form is never sent twice.
     */
    public void clickAndWait(By target) {
        WebElement page = driver.findElement(By.tagName("html"));
        for (int attempt = 1; ; attempt++) {
            try {
                driver.findElement(target).click();
                break;
            } catch (WebDriverException e) {
                if (!replacedUnderClick(e)) {
                    throw e;
                }
                if (isStale(page)) {
                    break; // the page was replaced: the click went through
                }
                if (attempt == 3) {
                    throw e;
                }
            }
        }
        // not ExpectedConditions.stalenessOf: Chromium may answer a node of the page being replaced with
        // "does not belong to the document" instead of a stale reference, which it does not catch
        wait.until(d -> isStale(page));
    }

    private static boolean replacedUnderClick(WebDriverException e) {
        return e instanceof StaleElementReferenceException || e instanceof ElementClickInterceptedException
                || String.valueOf(e.getMessage()).contains("does not belong to the document");
    }

    /**
     * True once {@code element}'s page has been replaced. Use it rather than ExpectedConditions.stalenessOf,
     * which lets Chromium's "does not belong to the document" through as an error.
     */
    public static boolean isStale(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (StaleElementReferenceException gone) {
            return true;
        } catch (WebDriverException e) {
            if (replacedUnderClick(e)) {
                return true;
            }
            throw e;
        }
    }

    /** From the upload form: sends the file and waits for its preview. */
    public void upload(Path file) {
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        clickAndWait(By.cssSelector("form[action='/batches/new'] button[type=submit]"));
        wait.until(ExpectedConditions.urlMatches("/batches/\\d+/preview"));
    }

    /** From a preview: submits the batch, waits for the batch's own page and returns its id. */
    public long submitBatch() {
        clickAndWait(By.id("submit-batch"));
        wait.until(ExpectedConditions.urlMatches(BATCH_PAGE.pattern()));
        Matcher m = BATCH_PAGE.matcher(driver.getCurrentUrl());
        if (!m.find()) {
            throw new AssertionError("Not a batch page: " + driver.getCurrentUrl());
        }
        return Long.parseLong(m.group(1));
    }

    /** Marks the document shown now, so {@link #samePage()} can tell whether it was reloaded since. */
    public void markPage() {
        ((JavascriptExecutor) driver).executeScript("window.fpJourneyMark = true;");
    }

    public boolean samePage() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver).executeScript("return window.fpJourneyMark === true;"));
    }

    /** On a batch page: waits until its live progress shows {@code percent} (e.g. "100 %"). */
    public void awaitBatchPercent(String percent) {
        wait.until(ExpectedConditions.textToBe(By.id("batch-percent"), percent));
    }

    public String text(By target) {
        return driver.findElement(target).getText();
    }

    /** On a batch page: the number of its devices in a state, as the page shows it now. */
    public long count(String state) {
        return Long.parseLong(text(By.cssSelector("[data-count='" + state + "']")));
    }

    /** The elements matching now, without the implicit wait: for asserting that something is absent. */
    public List<WebElement> findNow(By target) {
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return driver.findElements(target);
        } finally {
            driver.manage().timeouts().implicitlyWait(Browsers.IMPLICIT_WAIT);
        }
    }

    /** The {@code data-device} ids of the history (or batch) table rows shown. */
    public List<String> deviceRows() {
        return driver.findElements(By.cssSelector("tr[data-device]")).stream()
                .map(row -> row.getAttribute("data-device")).toList();
    }

    /** Clicks a download link and waits for the finished file ending in {@code suffix}. */
    public Path download(By link, String suffix) {
        driver.findElement(link).click();
        return Browsers.awaitDownload(downloads, suffix, Duration.ofSeconds(30));
    }

    public Browsers.Answer postFromPage(String path, Map<String, String> fields, String fileText) {
        return Browsers.postFromPage(driver, path, fields, fileText);
    }

    public void screenshot(String name) {
        Browsers.screenshot(driver, name);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
