package com.fleetprovisioner.web.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Issue 15 items 7 and 10: whose X-Forwarded-* headers count, what the audit keeps, HSTS and __Host- cookies. */
class ForwardedHeadersIT {
    private static final HttpClient RAW = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void spoofedForwardedForFromAPeerThatIsNoTrustedProxyBuysNoNewAddress() {
        // FP_TRUST_PROXY on, as in the audit, but the proxy is elsewhere: the test's loopback peer is not it
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2,
                Map.of("FP_TRUST_PROXY", "true", "FP_TRUSTED_PROXIES", "10.0.0.0/8"))) {
            for (int attempt = 1; attempt <= 10; attempt++) {
                TestClient spoofer = server.client().withHeader("X-Forwarded-For", "203.0.113." + attempt);
                assertThat(spoofer.login("nobody-" + attempt, "guess").statusCode()).isEqualTo(401);
                server.clock().advance(Duration.ofSeconds(61));
            }
            HttpResponse<String> eleventh = server.client().withHeader("X-Forwarded-For", "203.0.113.99")
                    .login("admin", WebTestServer.PASSWORD);
            assertThat(eleventh.statusCode()).as("the real address is locked, whatever the header says").isEqualTo(429);

            AuditEntry failed = latest(server, "login.failed");
            assertThat(failed.actor().clientIp()).isEqualTo("127.0.0.1");
            assertThat(failed.actor().peerIp()).isEqualTo("127.0.0.1");
            assertThat(failed.actor().forwardedFor()).as("the claim is kept beside the real peer").isEqualTo("203.0.113.10");
        }
    }

    @Test
    void behindATrustedProxyTheClientIsTheLastUntrustedHopAndThePeerIsAuditedBesideIt() {
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2,
                Map.of("FP_TRUST_PROXY", "true", "FP_TRUSTED_PROXIES", "127.0.0.0/8, 10.0.0.0/8"))) {
            // the client claims 1.2.3.4; the outer proxy saw 198.51.100.7; an inner proxy 10.0.0.5 forwarded to us
            TestClient client = server.client().withHeader("X-Forwarded-For", "1.2.3.4, 198.51.100.7, 10.0.0.5");
            assertThat(client.login("viewer", WebTestServer.PASSWORD).statusCode()).isEqualTo(303);
            AuditEntry succeeded = latest(server, "login.succeeded");
            assertThat(succeeded.actor().clientIp()).isEqualTo("198.51.100.7");
            assertThat(succeeded.actor().peerIp()).isEqualTo("127.0.0.1");
            assertThat(succeeded.actor().forwardedFor()).isEqualTo("1.2.3.4, 198.51.100.7, 10.0.0.5");

            TestClient admin = server.client().signedIn("admin", WebTestServer.PASSWORD);
            assertThat(admin.get("/admin/audit").body()).contains("connection from 127.0.0.1")
                    .contains("X-Forwarded-For: 1.2.3.4, 198.51.100.7, 10.0.0.5");
        }
    }

    @Test
    void overPlainHttpThereIsNoHstsAndCookiesKeepTheirPlainNames() {
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2,
                Map.of("FP_TRUST_PROXY", "true", "FP_TRUSTED_PROXIES", "10.0.0.0/8"))) {
            // an untrusted peer's X-Forwarded-Proto is a claim too
            HttpResponse<String> page = raw(server, "GET", "/login", Map.of("X-Forwarded-Proto", "https"), Optional.empty());
            assertThat(page.headers().firstValue("Strict-Transport-Security")).isEmpty();
            assertThat(page.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                    .startsWith(Cookies.PRE_SESSION + "=").doesNotContain("Secure"));
        }
    }

    @Test
    void overHttpsFromATrustedProxyResponsesCarryHstsAndHostPrefixedSecureCookies() {
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2,
                Map.of("FP_TRUST_PROXY", "true", "FP_TRUSTED_PROXIES", "127.0.0.1"))) {
            Map<String, String> https = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "198.51.100.50");
            HttpResponse<String> page = raw(server, "GET", "/login", https, Optional.empty());
            assertThat(page.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");
            String preSession = cookie(page, Cookies.HOST_PREFIX + Cookies.PRE_SESSION);
            String csrf = TestClient.csrfFrom(page);

            String form = "username=viewer&password=" + URLEncoder.encode(WebTestServer.PASSWORD, StandardCharsets.UTF_8)
                    + "&_csrf=" + csrf;
            HttpResponse<String> plainName = raw(server, "POST", "/login", with(https, "Cookie",
                    Cookies.PRE_SESSION + "=" + preSession), Optional.of(form));
            assertThat(plainName.statusCode()).as("over HTTPS only the __Host- cookie counts").isEqualTo(403);

            HttpResponse<String> signedIn = raw(server, "POST", "/login", with(https, "Cookie",
                    Cookies.HOST_PREFIX + Cookies.PRE_SESSION + "=" + preSession), Optional.of(form));
            assertThat(signedIn.statusCode()).isEqualTo(303);
            String setSession = signedIn.headers().allValues("Set-Cookie").stream()
                    .filter(c -> c.startsWith(Cookies.HOST_PREFIX + Cookies.SESSION + "=")).findFirst().orElseThrow();
            assertThat(setSession).contains("Secure").contains("HttpOnly").contains("Path=/").doesNotContain("Domain");
            String session = cookie(signedIn, Cookies.HOST_PREFIX + Cookies.SESSION);

            HttpResponse<String> dashboard = raw(server, "GET", "/", with(https, "Cookie",
                    Cookies.HOST_PREFIX + Cookies.SESSION + "=" + session), Optional.empty());
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.headers().firstValue("Strict-Transport-Security")).isPresent();
            HttpResponse<String> unprefixed = raw(server, "GET", "/", with(https, "Cookie",
                    Cookies.SESSION + "=" + session), Optional.empty());
            assertThat(unprefixed.statusCode()).as("a cookie without the prefix could have been planted").isEqualTo(303);
        }
    }

    private static AuditEntry latest(WebTestServer server, String action) {
        List<AuditEntry> entries = server.services().audit().recent(100);
        return entries.stream().filter(e -> e.action().equals(action)).findFirst().orElseThrow();
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put(name, value);
        return all;
    }

    private static String cookie(HttpResponse<String> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1).split(";", 2)[0]).findFirst()
                .orElseThrow(() -> new AssertionError("No " + name + " in " + response.headers().allValues("Set-Cookie")));
    }

    private static HttpResponse<String> raw(WebTestServer server, String method, String path, Map<String, String> headers,
            Optional<String> form) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(20));
        headers.forEach(builder::header);
        form.ifPresent(f -> builder.header("Content-Type", "application/x-www-form-urlencoded"));
        builder.method(method, form.map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()));
        try {
            return RAW.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
