package com.fleetprovisioner.web.settings;

import com.fleetprovisioner.core.pacing.SendRate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.settings.Settings;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The settings page on a real server: admin only, 422 with messages, a password never shown, a real login test. */
class SettingsPageIT {
    private static final String NEW_PASSWORD = "brand-new-ff-password";
    private static WebTestServer server;
    private static TestClient admin;

    @BeforeAll
    static void start() {
        server = WebTestServer.start(DatabaseKind.H2);
        admin = server.client().signedIn("admin", WebTestServer.PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void viewersAndOperatorsCannotReachTheSettings() {
        for (String role : List.of("viewer", "operator")) {
            TestClient client = server.client().signedIn(role, WebTestServer.PASSWORD);
            assertThat(client.get("/settings").statusCode()).isEqualTo(403);
            assertThat(client.postFormWithCsrf("/settings", Map.of("sendRate", "1")).statusCode()).isEqualTo(403);
            assertThat(client.postFormWithCsrf("/settings/test", Map.of()).statusCode()).isEqualTo(403);
            assertThat(client.get("/").body()).doesNotContain("href=\"/settings\"");
        }
        assertThat(admin.get("/").body()).contains("href=\"/settings\"");
    }

    @Test
    void thePageShowsWhereEachValueComesFrom() {
        String page = admin.get("/settings").body();
        assertThat(page).contains("From the environment (FP_SEND_RATE)").contains("built-in simulator")
                .contains("value=\"" + server.simulator().webSocketUri() + "\"");
        assertThat(page).doesNotContain(SimulatorConfig.DEMO_USER.password() + "\"");
    }

    @Test
    void badValuesAreShownAgainWith422AMessagePerFieldAndNoPassword() {
        Map<String, String> form = validForm();
        form.put("sendRate", "10001");
        form.put("retryBaseSeconds", "60");
        form.put("retryMaxSeconds", "30");
        form.put("endpoint", "http://not-a-socket.example.com/");
        form.put("password", NEW_PASSWORD);
        long version = server.services().settings().version();

        HttpResponse<String> response = admin.postFormWithCsrf("/settings", form);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("id=\"sendRate-error\"").contains("auto, or a whole number from 0 to 10000.")
                .contains("id=\"retryMaxSeconds-error\"").contains("id=\"endpoint-error\"")
                .contains("value=\"10001\"").contains("value=\"http://not-a-socket.example.com/\"")
                .doesNotContain(NEW_PASSWORD);
        assertThat(server.services().settings().version()).as("nothing saved").isEqualTo(version);
    }

    @Test
    void aSaveIsAppliedAuditedWithoutThePasswordAndCanBeReverted() {
        Map<String, String> form = validForm();
        form.put("sendRate", "7");
        form.put("defaultCompany", "43");
        form.put("password", NEW_PASSWORD);
        HttpResponse<String> saved = admin.postFormWithCsrf("/settings", form);
        assertThat(saved.statusCode()).isEqualTo(303);

        Settings now = server.services().settings().current();
        assertThat(now.sendRate()).isEqualTo(7);
        assertThat(now.defaultCompany()).contains(43L);
        assertThat(now.password()).contains(NEW_PASSWORD);
        String page = admin.get("/settings").body();
        assertThat(page).contains("Settings saved").contains("Set here").contains("A password is set")
                .doesNotContain(NEW_PASSWORD);
        assertThat(admin.get("/batches/new").body()).as("uploads start with the default company").contains("value=\"43\"");
        AuditEntry entry = server.services().audit().recent(5).stream()
                .filter(e -> e.action().equals("settings.changed")).findFirst().orElseThrow();
        assertThat(entry.details()).contains("sendRate: auto -> 7", "password: changed").doesNotContain(NEW_PASSWORD);

        Map<String, String> revert = validForm();
        revert.put("sendRate", "7");
        revert.put("revert", "sendRate");
        assertThat(admin.postFormWithCsrf("/settings", revert).statusCode()).isEqualTo(303);
        assertThat(server.services().settings().current().sendRate()).isEqualTo(SendRate.AUTO);
        Map<String, String> revertPassword = validForm();
        revertPassword.put("revert", "password");
        admin.postFormWithCsrf("/settings", revertPassword);
        assertThat(server.services().settings().current().password()).contains(SimulatorConfig.DEMO_USER.password());
    }

    @Test
    void theSmtpServerIsSavedSealedShownOnlyAsSetCheckedAndRevertible() {
        String secret = "smtp-secret-on-the-page";
        Map<String, String> bad = validForm();
        bad.put("smtpHost", "smtp example com");
        bad.put("smtpPort", "70000");
        bad.put("smtpFrom", "not-an-address");
        bad.put("smtpPassword", secret);
        HttpResponse<String> refused = admin.postFormWithCsrf("/settings", bad);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"smtpHost-error\"", "id=\"smtpPort-error\"", "id=\"smtpFrom-error\"",
                "id=\"smtpUsername-error\"", "An SMTP password needs a user name.").doesNotContain(secret);
        assertThat(server.services().settings().current().smtp()).isEmpty();

        Map<String, String> form = validForm();
        form.put("smtpHost", "smtp.example.com");
        form.put("smtpPort", "2525");
        form.put("smtpUsername", "mailer");
        form.put("smtpPassword", secret);
        form.put("smtpFrom", "fleet@example.com");
        form.remove("smtpStartTls"); // left unticked
        assertThat(admin.postFormWithCsrf("/settings", form).statusCode()).isEqualTo(303);

        var smtp = server.services().settings().current().smtp().orElseThrow();
        assertThat(smtp.host()).isEqualTo("smtp.example.com");
        assertThat(smtp.port()).isEqualTo(2525);
        assertThat(smtp.username()).contains("mailer");
        assertThat(smtp.password()).contains(secret);
        assertThat(smtp.from()).isEqualTo("fleet@example.com");
        assertThat(smtp.startTls()).isFalse();
        assertThat(smtp.toString()).doesNotContain(secret);
        String page = admin.get("/settings").body();
        assertThat(page).contains("value=\"smtp.example.com\"").contains("data-testid=\"smtpPassword-state\"")
                .doesNotContain(secret);
        AuditEntry entry = server.services().audit().recent(5).stream()
                .filter(e -> e.action().equals("settings.changed")).findFirst().orElseThrow();
        assertThat(entry.details()).contains("smtpHost: (none) -> smtp.example.com", "smtpPassword: changed",
                "smtpStartTls: true -> false").doesNotContain(secret);

        Map<String, String> back = validForm();
        back.put("revert", "smtpHost");
        assertThat(admin.postFormWithCsrf("/settings", back).statusCode()).isEqualTo(303);
        assertThat(server.services().settings().current().smtp()).as("no host: no emails").isEmpty();
    }

    @Test
    void testConnectionLogsInAndListsTheCompaniesOrSaysWhyNot() {
        long version = server.services().settings().version();
        Map<String, String> form = validForm();
        HttpResponse<String> ok = admin.postFormWithCsrf("/settings/test", form);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("Logged in as " + SimulatorConfig.DEMO_USER.username())
                .contains("Own company: 42").contains("Companies this account sees");

        form.put("password", "wrong-password-1");
        HttpResponse<String> refused = admin.postFormWithCsrf("/settings/test", form);
        assertThat(refused.body()).contains("Fleet Freedom refused the login").contains("code 11: invalidCredentials")
                .doesNotContain("wrong-password-1");
        assertThat(server.services().settings().version()).as("a test saves nothing").isEqualTo(version);
        assertThat(server.services().audit().recent(5)).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("settings.connection_tested");
            assertThat(e.details()).contains("failed").doesNotContain("wrong-password-1");
        });
    }

    @Test
    void theSimulatorBannerFollowsTheTarget() {
        assertThat(admin.get("/").body()).contains("data-testid=\"simulator-banner\"");
        Map<String, String> form = validForm();
        form.put("endpoint", "wss://fleet.example.com/");
        form.put("username", "robot");
        form.put("password", "robot-password");
        assertThat(admin.postFormWithCsrf("/settings", form).statusCode()).isEqualTo(303);
        assertThat(admin.get("/").body()).doesNotContain("data-testid=\"simulator-banner\"");

        form.put("simulator", "true");
        admin.postFormWithCsrf("/settings", form);
        assertThat(admin.get("/").body()).contains("data-testid=\"simulator-banner\"");

        for (String field : List.of("endpoint", "username", "password", "simulator")) {
            Map<String, String> back = validForm(); // as the page shows it after each save
            back.put("revert", field);
            if (field.equals("endpoint")) { // back to the simulator: the password saved for fleet.example.com stays there
                back.put("password", SimulatorConfig.DEMO_USER.password());
            }
            assertThat(admin.postFormWithCsrf("/settings", back).statusCode()).isEqualTo(303);
        }
        assertThat(server.services().settings().current().endpoint()).contains(server.simulator().webSocketUri());
    }

    @Test
    void theStoredPasswordNeverReachesAnotherEndpoint() throws Exception {
        String stored = "stored-ff-password-9";
        Map<String, String> save = validForm();
        save.put("password", stored);
        assertThat(admin.postFormWithCsrf("/settings", save).statusCode()).isEqualTo(303);
        long version = server.services().settings().version();
        try (CapturingWebSocketServer capture = CapturingWebSocketServer.listening()) {
            Map<String, String> elsewhere = validForm();
            elsewhere.put("endpoint", capture.uri().toString());

            HttpResponse<String> test = admin.postFormWithCsrf("/settings/test", elsewhere);
            assertThat(test.statusCode()).isEqualTo(422);
            assertThat(test.body()).contains("id=\"password-error\"").contains("only ever sent to the endpoint");
            HttpResponse<String> saved = admin.postFormWithCsrf("/settings", elsewhere);
            assertThat(saved.statusCode()).isEqualTo(422);
            assertThat(server.services().settings().version()).as("nothing saved").isEqualTo(version);
            assertThat(capture.connections()).as("no connection at all").isZero();

            elsewhere.put("password", "typed-for-this-test");
            assertThat(admin.postFormWithCsrf("/settings/test", elsewhere).statusCode()).isEqualTo(200);
            assertThat(capture.connections()).as("a typed password may be tested anywhere allowed").isEqualTo(1);
            assertThat(capture.received()).anyMatch(frame -> frame.contains("typed-for-this-test"))
                    .noneMatch(frame -> frame.contains(stored));

            assertThat(admin.postFormWithCsrf("/settings/test", validForm()).body()).as("its own endpoint: still tested")
                    .contains("Fleet Freedom refused the login");
            assertThat(capture.received()).noneMatch(frame -> frame.contains(stored));
        } finally {
            Map<String, String> back = validForm();
            back.put("revert", "password");
            admin.postFormWithCsrf("/settings", back);
        }
    }

    /** The form as the page fills it: every value in force, the password left blank. */
    private static Map<String, String> validForm() {
        Map<String, String> form = new HashMap<>();
        Settings now = server.services().settings().current();
        form.put("endpoint", now.endpoint().map(Object::toString).orElse(""));
        form.put("username", now.username().orElse(""));
        form.put("password", "");
        form.put("defaultCompany", now.defaultCompany().map(String::valueOf).orElse(""));
        form.put("sendRate", SendRate.format(now.sendRate()));
        form.put("maxInFlight", Integer.toString(now.maxInFlight()));
        form.put("maxAttempts", Integer.toString(now.maxAttempts()));
        form.put("retryBaseSeconds", Integer.toString(now.retryBaseSeconds()));
        form.put("retryMaxSeconds", Integer.toString(now.retryMaxSeconds()));
        if (server.services().settings().view().byName("simulator").value().equals("true")) {
            form.put("simulator", "true");
        }
        now.smtp().ifPresent(smtp -> form.put("smtpHost", smtp.host()));
        if (now.smtp().isEmpty()) {
            form.put("smtpHost", "");
        }
        form.put("smtpPort", server.services().settings().view().byName("smtpPort").value());
        form.put("smtpUsername", server.services().settings().view().byName("smtpUsername").value());
        form.put("smtpPassword", "");
        form.put("smtpFrom", server.services().settings().view().byName("smtpFrom").value());
        if (server.services().settings().view().byName("smtpStartTls").value().equals("true")) {
            form.put("smtpStartTls", "true");
        }
        return form;
    }
}
