package com.fleetprovisioner.web.pickers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.settings.SettingKey;
import com.fleetprovisioner.core.settings.SettingsForm;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.simulator.ControlClient;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The pickers over HTTP on H2 and PostgreSQL, against the in-process simulator (companies 42 "Demo Fleet" and
 * its child 43, three configurations): rendered server-side, cached, refreshed on demand, and typed numbers
 * with a notice when Fleet Freedom cannot be reached.
 */
class PickersIT {
    private static final String NBSP = "\u00a0";

    private static long asked(WebTestServer server, String command) {
        return server.simulator().receipts().all().stream().filter(r -> r.command().equals(command)).count();
    }

    private static void defaultCompany(WebTestServer server, String company) {
        server.services().settings().save(Actor.system(),
                new SettingsForm(Map.of(SettingKey.DEFAULT_COMPANY, company), Set.of(), false));
    }

    /** Refuses new connections and drops the web server's session; the pickers then ask for numbers. */
    private static void refuseConnections(WebTestServer server, TestClient operator) {
        assertThat(ControlClient.of(server.simulator()).send("PATCH", "/faults", "{\"refuseConnections\":true}")
                .statusCode()).isEqualTo(200);
        server.simulator().restart();
        operator.postFormWithCsrf("/pickers/refresh", Map.of("back", "/devices/new"));
        assertThat(operator.get("/devices/new").body())
                .contains("<input id=\"company\" name=\"company\" type=\"text\" inputmode=\"numeric\"")
                .contains("Fleet Freedom could not be reached; type the company number.");
    }

    private static void acceptConnections(WebTestServer server) {
        assertThat(ControlClient.of(server.simulator()).send("PATCH", "/faults", "{\"refuseConnections\":false}")
                .statusCode()).isEqualTo(200);
    }

    /** Polls until the condition holds; failing after the client's own recovery bound, which is what is checked. */
    private static void withinRecoveryBound(WebTestServer server, String what, BooleanSupplier condition)
            throws InterruptedException {
        Duration bound = server.fleetFreedom().recoveryBound();
        long deadline = System.nanoTime() + bound.toNanos();
        for (; !condition.getAsBoolean(); TimeUnit.MILLISECONDS.sleep(100)) {
            assertThat(System.nanoTime()).as(what + " within " + bound).isLessThan(deadline);
        }
    }

    private static String option(String value, boolean selected, String label) {
        return "<option value=\"" + value + "\"" + (selected ? " selected=\"selected\"" : "") + ">" + label + "</option>";
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theSingleDeviceFormOffersCompaniesAndConfigurationsByNameStartingWithTheDefaultCompany(DatabaseKind kind) {
        try (WebTestServer server = WebTestServer.start(kind)) {
            defaultCompany(server, "43");
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);

            String page = operator.get("/devices/new").body();
            assertThat(page).contains("<select id=\"company\" name=\"company\"")
                    .contains(option("42", false, "Demo Fleet (42)"))
                    .contains(option("43", true, NBSP + NBSP + "Demo Fleet — East (43)"))
                    .contains("<select id=\"config\" name=\"config\"")
                    .contains(option("7003", false, "East depot (7003)"))
                    .doesNotContain("Standard tracking")
                    .contains(option("teltonika", false, "teltonika"))
                    .contains("name=\"load\" value=\"configurations\"")
                    .doesNotContain("picker-missing");

            // without JavaScript: "Load the company's configurations" shows the form again, keeping what was typed
            Map<String, String> form = new HashMap<>(Map.of("id", IntakeFiles.imei(601), "kind", "calamp",
                    "company", "42", "config", "", "name", "Van <b>7</b>", "load", "configurations"));
            HttpResponse<String> loaded = operator.postFormWithCsrf("/devices/new", form);
            assertThat(loaded.statusCode()).isEqualTo(200);
            assertThat(loaded.body()).contains(option("42", true, "Demo Fleet (42)"))
                    .contains(option("7002", false, "Frequent reporting (7002)"))
                    .contains(option("7001", false, "Standard tracking (7001)"))
                    .doesNotContain("East depot").contains("value=\"Van &lt;b&gt;7&lt;/b&gt;\"")
                    .contains("value=\"" + IntakeFiles.imei(601) + "\"");
            assertThat(server.enqueued()).as("loading configurations queues nothing").isEmpty();

            form.remove("load");
            form.put("config", "7001");
            HttpResponse<String> added = operator.postFormWithCsrf("/devices/new", form);
            assertThat(added.statusCode()).isEqualTo(303);
            assertThat(server.services().history().find(IntakeFiles.imei(601))).get()
                    .satisfies(d -> assertThat(d.companyId()).isEqualTo(42))
                    .satisfies(d -> assertThat(d.configId()).contains(7001L));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aCompanyOutsideTheTreeIsShownAsSuchAndStillRefusedByTheServer(DatabaseKind kind) {
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            HttpResponse<String> refused = operator.postFormWithCsrf("/devices/new", Map.of("id", IntakeFiles.imei(602),
                    "kind", "genx", "company", "99", "config", "1"));
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains(option("99", true, "99 (not in Fleet Freedom&#39;s list)"))
                    .contains(option("1", true, "1 (not in Fleet Freedom&#39;s list)")).contains("id=\"company-error\"");
            assertThat(server.enqueued()).isEmpty();

            for (String hostile : List.of("abc", "-1", "99999999999999999999999", "%00%01", "4%0A2", "",
                    "9".repeat(5000))) {
                HttpResponse<String> json = operator.get("/pickers/configurations?company=" + hostile);
                assertThat(json.statusCode()).as(hostile).isEqualTo(200);
                assertThat(json.body()).as(hostile).isEqualTo("{\"available\":true,\"configurations\":[]}");
            }
            assertThat(asked(server, "getProviderConfigsList")).as("only companies of the tree are asked about").isZero();
            assertThat(operator.get("/pickers/configurations?company=43").body()).isEqualTo(
                    "{\"available\":true,\"configurations\":[{\"value\":\"7003\",\"label\":\"East depot (7003)\",\"known\":true}]}");
            assertThat(server.client().signedIn("viewer", WebTestServer.PASSWORD)
                    .get("/pickers/configurations?company=43").statusCode()).isEqualTo(403);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void uploadSettingsAndHistoryPickFromTheSameCachedListsWhichARefreshDrops(DatabaseKind kind) {
        try (WebTestServer server = WebTestServer.start(kind)) {
            defaultCompany(server, "42");
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            TestClient admin = server.client().signedIn("admin", WebTestServer.PASSWORD);
            TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);

            assertThat(operator.get("/batches/new").body()).contains("<select id=\"defaultCompany\" name=\"defaultCompany\"")
                    .contains(option("42", true, "Demo Fleet (42)")).contains(option("", false, "(none)"));
            assertThat(admin.get("/settings").body()).contains("<select id=\"defaultCompany\" name=\"defaultCompany\"")
                    .contains(option("42", true, "Demo Fleet (42)"));
            String history = viewer.get("/history?kind=genx&company=43&submitter=operator").body();
            assertThat(history).contains(option("", false, "Any company")).contains(option("genx", true, "genx"))
                    .contains(option("43", true, NBSP + NBSP + "Demo Fleet — East (43)"))
                    .contains(option("operator", true, "operator")).contains(option("admin", false, "admin"))
                    .doesNotContain("data-testid=\"refresh-pickers\"");
            assertThat(viewer.get("/history?company=abc").body()).contains("id=\"company-error\"")
                    .contains(option("abc", true, "abc (not in Fleet Freedom&#39;s list)"));
            for (int i = 0; i < 5; i++) {
                operator.get("/devices/new");
                viewer.get("/history");
            }
            assertThat(asked(server, "getCompaniesList")).as("one look for every page while it is kept").isEqualTo(1);

            server.simulator().world().addCompany(new com.fleetprovisioner.simulator.SimulatorConfig.SeedCompany(
                    44, "North yard", 42L));
            assertThat(operator.get("/devices/new").body()).doesNotContain("North yard");
            assertThat(operator.postForm("/pickers/refresh", Map.of("back", "/devices/new")).statusCode())
                    .as("no CSRF token").isEqualTo(403);
            assertThat(viewer.postFormWithCsrf("/pickers/refresh", Map.of("back", "/history")).statusCode()).isEqualTo(403);
            HttpResponse<String> refreshed = operator.postFormWithCsrf("/pickers/refresh", Map.of("back", "/devices/new"));
            assertThat(refreshed.statusCode()).isEqualTo(303);
            assertThat(refreshed.headers().firstValue("Location")).contains("/devices/new");
            assertThat(operator.get("/devices/new").body()).contains(option("44", false, NBSP + NBSP + "North yard (44)"))
                    .contains("The companies and configurations were read again from Fleet Freedom.");
            assertThat(server.services().audit().recent(5)).extracting(AuditEntry::action).contains("directory.refresh");
            for (String away : List.of("https://evil.example/", "//evil.example", "/history/../admin", "")) {
                assertThat(operator.postFormWithCsrf("/pickers/refresh", Map.of("back", away)).headers()
                        .firstValue("Location")).as(away).contains("/");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void whenFleetFreedomCannotBeReachedThePickersBecomeTypedNumbersWithANoticeAndThePagesStillWork(DatabaseKind kind) {
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            TestClient admin = server.client().signedIn("admin", WebTestServer.PASSWORD);
            HttpResponse<String> fault = ControlClient.of(server.simulator()).send("PATCH", "/faults",
                    "{\"refuseConnections\":true}");
            assertThat(fault.statusCode()).isEqualTo(200);
            server.simulator().restart(); // the connection the web server had is dropped; new ones are refused
            assertThat(operator.postFormWithCsrf("/pickers/refresh", Map.of("back", "/devices/new")).statusCode())
                    .isEqualTo(303);

            HttpResponse<String> device = operator.get("/devices/new");
            assertThat(device.statusCode()).isEqualTo(200);
            assertThat(device.body()).contains("Fleet Freedom still cannot give its lists")
                    .containsPattern(Pattern.compile("<input id=\"company\" name=\"company\" type=\"text\" inputmode=\"numeric\""))
                    .contains("Fleet Freedom could not be reached; type the company number.")
                    .contains("<input id=\"config\" name=\"config\" type=\"text\" inputmode=\"numeric\"")
                    .contains("Fleet Freedom could not be reached; type the configuration number.")
                    .contains("<select id=\"kind\" name=\"kind\"").doesNotContain("name=\"load\"");
            assertThat(operator.get("/batches/new").body()).contains("<input id=\"defaultCompany\" name=\"defaultCompany\" type=\"text\"")
                    .contains("Fleet Freedom could not be reached; type the company number.");
            assertThat(admin.get("/settings").body()).contains("<input id=\"defaultCompany\" name=\"defaultCompany\" type=\"text\"");
            HttpResponse<String> history = operator.get("/history?company=42");
            assertThat(history.statusCode()).isEqualTo(200);
            assertThat(history.body()).contains("<input id=\"company\" name=\"company\" type=\"text\" inputmode=\"numeric\"")
                    .contains("value=\"42\"");
            assertThat(operator.get("/pickers/configurations?company=42").body())
                    .isEqualTo("{\"available\":false,\"configurations\":[]}");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void whenFleetFreedomAcceptsConnectionsAgainARefreshBringsThePickersBack(DatabaseKind kind)
            throws InterruptedException {
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            refuseConnections(server, operator);
            // refreshing while still refused, again and again: typed numbers, nothing breaks
            for (int i = 0; i < 3; i++) {
                assertThat(operator.postFormWithCsrf("/pickers/refresh", Map.of("back", "/devices/new")).statusCode())
                        .isEqualTo(303);
                assertThat(operator.get("/devices/new").body()).contains("Fleet Freedom still cannot give its lists");
            }

            acceptConnections(server);
            // Refresh asks the session to reconnect at once instead of waiting out its backoff delay
            AtomicReference<String> page = new AtomicReference<>();
            withinRecoveryBound(server, "the company picker back after a refresh", () -> {
                operator.postFormWithCsrf("/pickers/refresh", Map.of("back", "/devices/new"));
                page.set(operator.get("/devices/new").body());
                return page.get().contains("<select id=\"company\" name=\"company\"");
            });
            assertThat(page.get()).contains(option("42", false, "Demo Fleet (42)"))
                    .contains(option("43", false, NBSP + NBSP + "Demo Fleet — East (43)"))
                    .contains("The companies and configurations were read again from Fleet Freedom.")
                    .doesNotContain("picker-missing");
            assertThat(operator.get("/pickers/configurations?company=43").body()).isEqualTo(
                    "{\"available\":true,\"configurations\":[{\"value\":\"7003\",\"label\":\"East depot (7003)\",\"known\":true}]}");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void whenFleetFreedomAcceptsConnectionsAgainThePickersComeBackByThemselvesOnceTheFailureIsNoLongerKept(
            DatabaseKind kind) throws InterruptedException {
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
            refuseConnections(server, operator);

            acceptConnections(server);
            // no refresh: the session reconnects on its own backoff, the kept failure ends with its lifetime
            withinRecoveryBound(server, "the company picker back without a refresh", () -> {
                server.clock().advance(Duration.ofSeconds(31));
                return viewer.get("/history").body().contains("<select id=\"company\" name=\"company\"");
            });
            assertThat(operator.get("/devices/new").body()).contains(option("42", false, "Demo Fleet (42)"))
                    .contains("<select id=\"config\" name=\"config\"");
        }
    }
}
