package com.fleetprovisioner.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthFlowsIT {
    private WebTestServer server;

    @BeforeEach
    void start() {
        server = WebTestServer.start(DatabaseKind.H2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aStateChangingPostWithoutTheCsrfTokenIsRefused() {
        TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
        assertThat(operator.postForm("/tokens", Map.of("name", "x")).statusCode()).isEqualTo(403);
        assertThat(operator.postForm("/tokens", Map.of("name", "x", "_csrf", "forged")).statusCode()).isEqualTo(403);
        assertThat(operator.postForm("/logout", Map.of()).statusCode()).isEqualTo(403);
        assertThat(operator.get("/").statusCode()).as("still signed in").isEqualTo(200);
        assertThat(operator.postFormWithCsrf("/tokens", Map.of("name", "x")).statusCode()).isEqualTo(201);

        TestClient anonymous = server.client();
        HttpResponse<String> login = anonymous.postForm("/login",
                Map.of("username", "admin", "password", WebTestServer.PASSWORD));
        assertThat(login.statusCode()).as("login form without its CSRF cookie and field").isEqualTo(403);
    }

    @Test
    void signingInIssuesANewHttpOnlySameSiteSessionCookie() {
        TestClient client = server.client();
        HttpResponse<String> first = client.login("viewer", WebTestServer.PASSWORD);
        String setCookie = first.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(Cookies.SESSION + "=")).findFirst().orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
        String firstSession = client.cookie(Cookies.SESSION).orElseThrow();

        client.login("viewer", WebTestServer.PASSWORD);
        String secondSession = client.cookie(Cookies.SESSION).orElseThrow();
        assertThat(secondSession).isNotEqualTo(firstSession);
    }

    @Test
    void theEleventhBadLoginIsRefusedEvenWithTheRightPassword() {
        TestClient client = server.client();
        for (int attempt = 1; attempt <= 10; attempt++) {
            HttpResponse<String> response = client.login("operator", "wrong-password-" + attempt);
            assertThat(response.statusCode()).as("attempt %d", attempt).isEqualTo(401);
            server.clock().advance(Duration.ofMinutes(1)); // past the growing delay, well inside the lock window
        }
        HttpResponse<String> eleventh = client.login("operator", WebTestServer.PASSWORD);
        assertThat(eleventh.statusCode()).isEqualTo(429);
        assertThat(eleventh.body()).contains("locked until");
        assertThat(eleventh.headers().firstValue("Retry-After")).isPresent();

        List<String> actions = server.services().audit().recent(50).stream()
                .filter(e -> e.target().equals("operator")).map(AuditEntry::action).toList();
        assertThat(actions).filteredOn("login.failed"::equals).hasSize(10);
        assertThat(actions).contains("login.refused");

        server.clock().advance(Duration.ofMinutes(16));
        assertThat(server.client().login("operator", WebTestServer.PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void oneAddressGuessingManyAccountsIsLockedOutToo() {
        TestClient client = server.client();
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(client.login("nobody-" + attempt, "guess").statusCode()).isEqualTo(401);
            server.clock().advance(Duration.ofMinutes(1));
        }
        HttpResponse<String> locked = client.login("admin", WebTestServer.PASSWORD);
        assertThat(locked.statusCode()).as("this address is locked, whatever the account").isEqualTo(429);
    }

    @Test
    void afterFiveFailuresTheNextAttemptMustWait() {
        TestClient client = server.client();
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(client.login("viewer", "nope-" + attempt).statusCode()).isEqualTo(401);
        }
        assertThat(client.login("viewer", WebTestServer.PASSWORD).statusCode()).isEqualTo(429);
        server.clock().advance(Duration.ofSeconds(2));
        assertThat(client.login("viewer", WebTestServer.PASSWORD).statusCode()).isEqualTo(303);
    }

    @Test
    void aDisabledUsersSessionStopsWorkingAtOnce() {
        TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
        assertThat(viewer.get("/").statusCode()).isEqualTo(200);

        TestClient admin = server.client().signedIn("admin", WebTestServer.PASSWORD);
        long viewerId = server.user(Role.VIEWER).id();
        HttpResponse<String> unconfirmed = admin.postFormWithCsrf("/admin/users/" + viewerId + "/enabled",
                Map.of("enabled", "false"));
        assertThat(unconfirmed.headers().firstValue("Location")).hasValue("/admin/users/" + viewerId + "/disable");
        assertThat(viewer.get("/").statusCode()).as("not disabled without confirming").isEqualTo(200);
        assertThat(admin.get("/admin/users/" + viewerId + "/disable").body()).contains("Disable viewer?")
                .contains("viewer is signed out at once");
        assertThat(admin.get("/admin/users").body()).as("no Disable of one's own account")
                .doesNotContain("id=\"disable-" + server.user(Role.ADMIN).id() + "\"")
                .contains("id=\"disable-" + viewerId + "\"");
        HttpResponse<String> disable = admin.postFormWithCsrf("/admin/users/" + viewerId + "/enabled",
                Map.of("enabled", "false", "confirm", "yes"));
        assertThat(disable.statusCode()).isEqualTo(303);

        HttpResponse<String> after = viewer.get("/");
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location").orElse("")).startsWith("/login");
        assertThat(server.client().login("viewer", WebTestServer.PASSWORD).statusCode()).isEqualTo(401);
    }

    @Test
    void sessionsEndAfterThirtyIdleMinutesAndTwelveHoursInAll() {
        TestClient idle = server.client().signedIn("viewer", WebTestServer.PASSWORD);
        server.clock().advance(Duration.ofMinutes(31));
        assertThat(idle.get("/").statusCode()).isEqualTo(303);

        TestClient busy = server.client().signedIn("viewer", WebTestServer.PASSWORD);
        for (int i = 0; i < 25; i++) { // active every 29 minutes, for 12 h 5 min
            server.clock().advance(Duration.ofMinutes(29));
            HttpResponse<String> response = busy.get("/");
            boolean pastAbsoluteLimit = (i + 1) * 29 > 12 * 60;
            assertThat(response.statusCode()).as("after %d minutes", (i + 1) * 29).isEqualTo(pastAbsoluteLimit ? 303 : 200);
        }
    }

    @Test
    void signingOutEndsTheSession() {
        TestClient client = server.client().signedIn("operator", WebTestServer.PASSWORD);
        HttpResponse<String> out = client.postFormWithCsrf("/logout", Map.of());
        assertThat(out.headers().firstValue("Location")).hasValue("/login");
        assertThat(client.get("/").statusCode()).isEqualTo(303);
        assertThat(server.services().audit().recent(5)).extracting(AuditEntry::action).contains("logout");
    }
}
