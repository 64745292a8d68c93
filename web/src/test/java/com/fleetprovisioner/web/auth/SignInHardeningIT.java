package com.fleetprovisioner.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 15 items 1, 4, 9 and 11 through the real server: redirects, lockout, sign-in CSRF, password rules. */
class SignInHardeningIT {
    private static WebTestServer server;

    @BeforeAll
    static void start() {
        // a trusted proxy on loopback, so each test client can stand for a browser at its own address
        server = WebTestServer.start(DatabaseKind.H2, Map.of("FP_TRUST_PROXY", "true", "FP_TRUSTED_PROXIES", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static TestClient from(String address) {
        return server.client().withHeader("X-Forwarded-For", address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/\t/evil.example/x", "/\n/evil.example/x", "/\\evil.example", "//evil.example",
            "https://evil.example/", "/%09/evil.example/x", "/%5Cevil.example", "/%2F%2Fevil.example", " /x"})
    void aSignedInUserOpeningTheLoginPageWithAForeignNextStaysOnTheSite(String next) {
        TestClient viewer = from("198.51.100.1").signedIn("viewer", WebTestServer.PASSWORD);
        HttpResponse<String> response = viewer.get("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/");

        TestClient anonymous = from("198.51.100.2");
        String csrf = TestClient.csrfFrom(anonymous.get("/login"));
        HttpResponse<String> posted = anonymous.postForm("/login", Map.of("username", "viewer",
                "password", WebTestServer.PASSWORD, "next", next, "_csrf", csrf));
        assertThat(posted.headers().firstValue("Location")).as("after the form too").hasValue("/");
    }

    @Test
    void failuresFromManyAddressesDelayAnAccountButNeverKeepItsOwnerOut() {
        TestClient owner = from("198.51.100.10").signedIn("admin", WebTestServer.PASSWORD);
        assertThat(owner.cookie(Cookies.DEVICE)).as("a known-device cookie after signing in").isPresent();
        owner.postFormWithCsrf("/logout", Map.of());

        // 30 wrong passwords, each from a new address and each after the delay the last one earned: the old rules
        // locked the account after 10
        HttpResponse<String> last = null;
        for (int attempt = 1; attempt <= 30; attempt++) {
            last = from("203.0.113." + attempt).login("admin", "wrong-password-" + attempt);
            assertThat(last.statusCode()).as("attempt %d", attempt).isEqualTo(401);
            server.clock().advance(Duration.ofSeconds(61));
        }
        HttpResponse<String> stranger = from("203.0.113.200").login("admin", "wrong-again-password");
        server.clock().advance(Duration.ofSeconds(1));
        assertThat(stranger.statusCode()).isEqualTo(401);

        HttpResponse<String> ownersTurn = owner.login("admin", WebTestServer.PASSWORD);
        assertThat(ownersTurn.statusCode()).as("the right password from a known device, right after a failure")
                .isEqualTo(303);

        HttpResponse<String> newDevice = from("198.51.100.11").login("admin", WebTestServer.PASSWORD);
        assertThat(newDevice.statusCode()).as("a new device waits out the account's delay").isEqualTo(429);
        assertThat(newDevice.body()).contains("Wait").doesNotContain("locked");
        server.clock().advance(Duration.ofSeconds(61));
        assertThat(from("198.51.100.11").login("admin", WebTestServer.PASSWORD).statusCode())
                .as("and is never locked out").isEqualTo(303);
    }

    @Test
    void aStolenOrForgedDeviceCookieBuysNothing() {
        TestClient forger = from("203.0.113.90").withCookie(Cookies.DEVICE, "v1:forged");
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(forger.login("operator", "guess-number-" + attempt).statusCode()).isEqualTo(401);
            server.clock().advance(Duration.ofSeconds(61));
        }
        assertThat(forger.login("operator", WebTestServer.PASSWORD).statusCode())
                .as("a forged cookie is no device: its address is locked").isEqualTo(429);

        TestClient device = from("198.51.100.20").signedIn("viewer", WebTestServer.PASSWORD);
        TestClient thief = from("203.0.113.91").withCookie(Cookies.DEVICE, device.cookie(Cookies.DEVICE).orElseThrow());
        for (int attempt = 1; attempt <= 10; attempt++) {
            assertThat(thief.login("viewer", "guess-number-" + attempt).statusCode()).isEqualTo(401);
            server.clock().advance(Duration.ofSeconds(61));
        }
        HttpResponse<String> locked = thief.login("viewer", "guess-number-11");
        assertThat(locked.statusCode()).as("a device is locked after 10 failures").isEqualTo(429);
        assertThat(locked.body()).contains("locked until");
        server.clock().advance(Duration.ofMinutes(16));
    }

    @Test
    void theLoginFormsCsrfTokenIsBoundToAServerSidePreSession() {
        TestClient browser = from("198.51.100.30");
        HttpResponse<String> page = browser.get("/login");
        String token = TestClient.csrfFrom(page);
        assertThat(token).hasSizeGreaterThan(20);
        assertThat(browser.cookie(Cookies.PRE_SESSION)).isPresent();

        TestClient attacker = from("198.51.100.31");
        Map<String, String> credentials = Map.of("username", "viewer", "password", WebTestServer.PASSWORD);
        assertThat(attacker.postForm("/login", with(credentials, "")).statusCode()).as("no cookie, empty field")
                .isEqualTo(403);
        assertThat(from("198.51.100.31").withCookie(Cookies.PRE_SESSION, "").postForm("/login", with(credentials, ""))
                .statusCode()).as("empty cookie, empty field").isEqualTo(403);
        assertThat(from("198.51.100.31").withCookie(Cookies.PRE_SESSION, "chosen").postForm("/login",
                with(credentials, "chosen")).statusCode()).as("an attacker's equal pair").isEqualTo(403);
        assertThat(from("198.51.100.31").withCookie("fp_csrf", "chosen").postForm("/login",
                with(credentials, "chosen")).statusCode()).as("the old double-submit pair").isEqualTo(403);
        TestClient other = from("198.51.100.32");
        other.get("/login");
        assertThat(other.postForm("/login", with(credentials, token)).statusCode())
                .as("another browser's token with this browser's pre-session").isEqualTo(403);

        String preSession = browser.cookie(Cookies.PRE_SESSION).orElseThrow();
        assertThat(server.services().preSessions().csrfToken(preSession)).hasValue(token);
        HttpResponse<String> signedIn = browser.postForm("/login", with(credentials, token));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(server.services().preSessions().csrfToken(preSession)).as("signing in ends the pre-session").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012", "passwordpassword", "aaaaaaaaaaaa", "qwertyuiop123", "Password123!",
            "short-pass"})
    void weakPasswordsAreRefusedWhenAnAdminCreatesAUser(String password) {
        TestClient admin = from("198.51.100.40").signedIn("admin", WebTestServer.PASSWORD);
        String username = "weak" + Math.abs(password.hashCode());
        HttpResponse<String> response = admin.postFormWithCsrf("/admin/users",
                Map.of("username", username, "role", "viewer", "password", password));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).containsAnyOf("too easy to guess", "at least 12 characters");
        assertThat(server.services().users().find(username)).isEmpty();
    }

    private static Map<String, String> with(Map<String, String> form, String csrf) {
        Map<String, String> all = new java.util.LinkedHashMap<>(form);
        all.put("_csrf", csrf);
        return all;
    }
}
