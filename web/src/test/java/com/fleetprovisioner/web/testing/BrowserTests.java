package com.fleetprovisioner.web.testing;

import com.fleetprovisioner.db.testing.DatabaseKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;

/**
 * The lifecycle every browser test shares, registered as a static {@code @RegisterExtension} field: the
 * server (for the whole class, or started by each test on the database it names), a headless Chromium per
 * test, a screenshot of every browser still open when a test fails (target/screenshots/failed-…png), and
 * everything closed after the test or the class, browsers first.
 *
 * @param <S> the server: {@link WebTestServer}, or the one-JVM app in the app module's journeys
 */
public final class BrowserTests<S extends AutoCloseable>
        implements BeforeAllCallback, AfterTestExecutionCallback, AfterEachCallback, AfterAllCallback {
    private final Function<DatabaseKind, S> start;
    private final Function<S, String> base;
    /** The class server's database; null for a server per test. */
    private final DatabaseKind classDatabase;
    private S classServer;
    private S testServer;
    private final List<WebDriver> browsers = new ArrayList<>();

    private BrowserTests(Function<DatabaseKind, S> start, Function<S, String> base, DatabaseKind classDatabase) {
        this.start = start;
        this.base = base;
        this.classDatabase = classDatabase;
    }

    /** A {@link WebTestServer} on {@code kind} for the whole class. */
    public static BrowserTests<WebTestServer> webServer(DatabaseKind kind) {
        return perClass(kind, WebTestServer::start, s -> s.uri("").toString());
    }

    /** A fresh {@link WebTestServer} for each test, started when the test first asks for it. */
    public static BrowserTests<WebTestServer> webServerPerTest() {
        return perTest(WebTestServer::start, s -> s.uri("").toString());
    }

    /** A server from {@code start} on {@code kind} for the whole class, reached at {@code base} (http://host:port). */
    public static <S extends AutoCloseable> BrowserTests<S> perClass(DatabaseKind kind, Function<DatabaseKind, S> start,
            Function<S, String> base) {
        return new BrowserTests<>(start, base, kind);
    }

    /** A server from {@code start} for the whole class, on the database it chooses itself. */
    public static <S extends AutoCloseable> BrowserTests<S> perClass(Supplier<S> start, Function<S, String> base) {
        return new BrowserTests<>(kind -> start.get(), base, DatabaseKind.H2);
    }

    /**
     * A server for each test that asks, closed after it: from {@code start} ({@link #server(DatabaseKind)}) or
     * from the test's own ({@link #server(Supplier)}).
     */
    public static <S extends AutoCloseable> BrowserTests<S> perTest(Function<DatabaseKind, S> start,
            Function<S, String> base) {
        return new BrowserTests<>(start, base, null);
    }

    /** A server each test starts itself ({@link #server(Supplier)}), closed after it. */
    public static <S extends AutoCloseable> BrowserTests<S> perTest(Function<S, String> base) {
        return perTest(kind -> {
            throw new IllegalStateException("This class's tests start their servers: server(Supplier)");
        }, base);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (classDatabase != null) {
            classServer = start.apply(classDatabase);
        }
    }

    /** The class's server, else this test's (started on H2 if the test has not started it yet). */
    public S server() {
        if (classServer != null) {
            return classServer;
        }
        return testServer != null ? testServer : server(DatabaseKind.H2);
    }

    /** Starts this test's server on {@code kind}; only for a class without a server of its own. */
    public S server(DatabaseKind kind) {
        return server(() -> start.apply(kind));
    }

    /** Starts this test's server with {@code start} (e.g. a configuration of the test's own), closed after it. */
    public S server(Supplier<S> start) {
        if (classServer != null || testServer != null) {
            throw new IllegalStateException("This test already has its server");
        }
        testServer = start.get();
        return testServer;
    }

    /** The server's address: http://host:port, no trailing slash. */
    public String base() {
        return base.apply(server());
    }

    /** The server's address of {@code path}, e.g. {@code /login}. */
    public String url(String path) {
        return base() + path;
    }

    /** A headless Chromium in English for this test, quit after it. */
    public WebDriver chromium() {
        return opened(Browsers.chromium());
    }

    /** As {@link #chromium()}, set to {@code language} (e.g. fr-CA). */
    public WebDriver chromium(String language) {
        return opened(Browsers.chromium(language));
    }

    /** A journey on the server for this test, saving downloads into {@code downloads}, closed after it. */
    public Journey journey(Path downloads, Duration patience) {
        Journey journey = Journey.open(base(), downloads, patience);
        opened(journey.driver());
        return journey;
    }

    private WebDriver opened(WebDriver browser) {
        browsers.add(browser);
        return browser;
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        String invocation = context.getDisplayName().replaceAll("[^A-Za-z0-9]+", "_");
        String name = "failed-" + context.getRequiredTestClass().getSimpleName() + "-"
                + context.getRequiredTestMethod().getName()
                + (invocation.startsWith("_") ? invocation : ""); // a parameterized test's "[1] H2"
        for (int i = 0; i < browsers.size(); i++) {
            try {
                Browsers.screenshot(browsers.get(i), name + (i == 0 ? "" : "-" + i));
            } catch (RuntimeException e) {
                context.publishReportEntry("screenshot", "none: " + e); // the test's own failure is what counts
            }
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        RuntimeException failed = null;
        for (WebDriver browser : browsers) {
            try {
                browser.quit();
            } catch (RuntimeException e) {
                failed = failed == null ? e : failed; // the others and the server are closed all the same
            }
        }
        browsers.clear();
        if (testServer != null) {
            S closing = testServer;
            testServer = null;
            closing.close();
        }
        if (failed != null) {
            throw failed;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (classServer != null) {
            S closing = classServer;
            classServer = null;
            closing.close();
        }
    }
}
