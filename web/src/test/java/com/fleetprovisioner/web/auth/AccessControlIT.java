package com.fleetprovisioner.web.auth;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.RouteSpec;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every route, every kind of caller: each reaches exactly what its role allows, on a real server. */
class AccessControlIT {
    /** The access policy as a table. A new route fails the first test until it is added here. */
    private static final Map<String, Access> POLICY = Map.ofEntries(
            entry("GET /health", Access.VIEWER),
            entry("GET /health/live", Access.PUBLIC),
            entry("GET /health/ready", Access.PUBLIC),
            entry("GET /metrics", Access.PUBLIC),
            entry("GET /login", Access.PUBLIC),
            entry("GET /favicon.ico", Access.PUBLIC),
            entry("POST /login", Access.PUBLIC),
            entry("POST /logout", Access.VIEWER),
            entry("GET /", Access.VIEWER),
            entry("GET /history", Access.VIEWER),
            entry("GET /search", Access.VIEWER),
            entry("GET /history/{providerId}", Access.VIEWER),
            entry("GET /history.csv", Access.VIEWER),
            entry("GET /history.xlsx", Access.VIEWER),
            entry("GET /billing", Access.VIEWER),
            entry("GET /billing.csv", Access.VIEWER),
            entry("GET /billing.xlsx", Access.VIEWER),
            entry("GET /api/v1/billing", Access.VIEWER),
            entry("GET /api/v1/billing/rows", Access.VIEWER),
            entry("GET /tokens", Access.VIEWER),
            entry("POST /tokens", Access.VIEWER),
            entry("GET /tokens/{id}/revoke", Access.VIEWER),
            entry("POST /tokens/{id}/revoke", Access.VIEWER),
            entry("GET /admin/users", Access.ADMIN),
            entry("POST /admin/users", Access.ADMIN),
            entry("POST /admin/users/{id}/role", Access.ADMIN),
            entry("GET /admin/users/{id}/disable", Access.ADMIN),
            entry("POST /admin/users/{id}/enabled", Access.ADMIN),
            entry("POST /admin/users/{id}/password", Access.ADMIN),
            entry("GET /admin/audit", Access.ADMIN),
            entry("GET /admin/notifications", Access.ADMIN),
            entry("POST /admin/notifications/webhooks", Access.ADMIN),
            entry("POST /admin/notifications/webhooks/{id}/remove", Access.ADMIN),
            entry("GET /account", Access.VIEWER),
            entry("GET /account/password", Access.VIEWER),
            entry("POST /account/password", Access.VIEWER),
            entry("POST /account", Access.VIEWER),
            entry("POST /account/language", Access.VIEWER),
            entry("POST /api/v1/tokens", Access.PUBLIC),
            entry("GET /api/v1/tokens", Access.VIEWER),
            entry("DELETE /api/v1/tokens/{id}", Access.VIEWER),
            entry("GET /api/v1/me", Access.VIEWER),
            entry("GET /api/openapi.json", Access.PUBLIC),
            entry("GET /docs/api", Access.PUBLIC),
            entry("GET /batches/new", Access.OPERATOR),
            entry("POST /batches/new", Access.OPERATOR),
            entry("GET /batches/new/columns/{token}", Access.OPERATOR),
            entry("POST /batches/new/columns/{token}", Access.OPERATOR),
            entry("GET /batches/{id}/preview", Access.VIEWER),
            entry("POST /batches/{id}/submit", Access.OPERATOR),
            entry("GET /batches/{id}/discard", Access.OPERATOR),
            entry("POST /batches/{id}/discard", Access.OPERATOR),
            entry("GET /batches/{id}/problems.csv", Access.VIEWER),
            entry("GET /batches/{id}/problems.xlsx", Access.VIEWER),
            entry("GET /templates/devices.csv", Access.VIEWER),
            entry("GET /templates/devices.xlsx", Access.VIEWER),
            entry("GET /devices/new", Access.OPERATOR),
            entry("POST /devices/new", Access.OPERATOR),
            entry("GET /pickers/configurations", Access.OPERATOR),
            entry("POST /pickers/refresh", Access.OPERATOR),
            entry("POST /api/v1/batches", Access.OPERATOR),
            entry("GET /api/v1/batches/{id}/rows", Access.VIEWER),
            entry("POST /api/v1/batches/{id}/submit", Access.OPERATOR),
            entry("POST /api/v1/devices", Access.OPERATOR),
            entry("GET /api/v1/batches/{id}", Access.VIEWER),
            entry("POST /api/v1/batches/{id}/pause", Access.OPERATOR),
            entry("POST /api/v1/batches/{id}/resume", Access.OPERATOR),
            entry("POST /api/v1/batches/{id}/cancel", Access.OPERATOR),
            entry("POST /api/v1/batches/{id}/requeue-failed", Access.OPERATOR),
            entry("POST /api/v1/batches/{id}/requeue-cancelled", Access.OPERATOR),
            entry("GET /api/v1/devices/{providerId}", Access.VIEWER),
            entry("POST /api/v1/devices/{id}/requeue", Access.OPERATOR),
            entry("GET /api/v1/pipeline", Access.VIEWER),
            entry("POST /history/{providerId}/requeue", Access.OPERATOR),
            entry("GET /history/{providerId}/edit", Access.OPERATOR),
            entry("POST /history/{providerId}/edit", Access.OPERATOR),
            entry("GET /batches", Access.VIEWER),
            entry("GET /batches/{id}", Access.VIEWER),
            entry("GET /batches/{id}/progress", Access.VIEWER),
            entry("POST /batches/{id}/pause", Access.OPERATOR),
            entry("POST /batches/{id}/resume", Access.OPERATOR),
            entry("GET /batches/{id}/cancel", Access.OPERATOR),
            entry("POST /batches/{id}/cancel", Access.OPERATOR),
            entry("GET /batches/{id}/requeue-failed", Access.OPERATOR),
            entry("GET /batches/{id}/requeue-cancelled", Access.OPERATOR),
            entry("POST /batches/{id}/requeue-cancelled", Access.OPERATOR),
            entry("POST /batches/{id}/requeue-failed", Access.OPERATOR),
            entry("POST /batches/{id}/requeue-selected", Access.OPERATOR),
            entry("POST /api/v1/pipeline/resume", Access.ADMIN),
            entry("GET /reconciliations", Access.VIEWER),
            entry("POST /reconciliations", Access.OPERATOR),
            entry("GET /reconciliations/{id}", Access.VIEWER),
            entry("GET /reconciliations/{id}/import", Access.OPERATOR),
            entry("POST /reconciliations/{id}/import", Access.OPERATOR),
            entry("GET /reconciliations/{id}/rows.csv", Access.VIEWER),
            entry("GET /reconciliations/{id}/rows.xlsx", Access.VIEWER),
            entry("POST /api/v1/reconciliations", Access.OPERATOR),
            entry("GET /api/v1/reconciliations/{id}", Access.VIEWER),
            entry("GET /api/v1/reconciliations/{id}/rows", Access.VIEWER),
            entry("POST /api/v1/reconciliations/{id}/import", Access.OPERATOR),
            entry("GET /settings", Access.ADMIN),
            entry("POST /settings", Access.ADMIN),
            entry("POST /settings/test", Access.ADMIN));

    private static WebTestServer server;

    @BeforeAll
    static void start() {
        server = WebTestServer.start(DatabaseKind.H2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRouteDeclaresTheAccessThePolicySays() {
        Map<String, Access> registered = server.server().routes().stream()
                .collect(Collectors.toMap(r -> r.method() + " " + r.path(), RouteSpec::access, (a, b) -> a, TreeMap::new));
        assertThat(registered).isEqualTo(new TreeMap<>(POLICY));
    }

    @Test
    void eachCallerReachesExactlyWhatItsRoleAllows() {
        List<String> violations = new ArrayList<>();
        for (RouteSpec route : server.server().routes()) {
            for (Optional<Role> caller : callers()) {
                boolean allowed = route.access().minimum().map(min -> caller.map(r -> r.includes(min)).orElse(false))
                        .orElse(true);
                HttpResponse<String> response = call(route, caller);
                boolean denied = denied(route, response);
                if (allowed == denied) {
                    violations.add(route.method() + " " + route.path() + " as " + caller.map(Role::id).orElse("anonymous")
                            + ": expected " + (allowed ? "allowed" : "denied") + " but got " + response.statusCode()
                            + " " + response.headers().firstValue("Location").orElse(""));
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void anonymousPagesRedirectToLoginAndComeBack() {
        HttpResponse<String> response = server.client().get("/admin/users?x=1");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/login?next=%2Fadmin%2Fusers%3Fx%3D1");

        TestClient client = server.client();
        String csrf = TestClient.csrfFrom(client.get("/login"));
        HttpResponse<String> login = client.postForm("/login", Map.of("username", "admin",
                "password", WebTestServer.PASSWORD, "_csrf", csrf, "next", "/admin/users?x=1"));
        assertThat(login.headers().firstValue("Location")).hasValue("/admin/users?x=1");
    }

    @Test
    void anyApiPathWithoutAValidTokenIsA401InJson() {
        for (String path : List.of("/api/v1/me", "/api/v1/no-such-thing", "/api/anything/at/all")) {
            HttpResponse<String> response = server.client().send("GET", path, Optional.empty(), Optional.empty());
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            HttpResponse<String> badToken = server.client().send("GET", path, Optional.of("fpt_not-a-token"), Optional.empty());
            assertThat(badToken.statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        HttpResponse<String> response = server.client().get("/login");
        assertThat(response.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }

    private static List<Optional<Role>> callers() {
        return List.of(Optional.empty(), Optional.of(Role.VIEWER), Optional.of(Role.OPERATOR), Optional.of(Role.ADMIN));
    }

    private static HttpResponse<String> call(RouteSpec route, Optional<Role> caller) {
        String path = route.path().replaceAll("\\{[^}]+}", "999999");
        TestClient client = server.client();
        if (path.startsWith("/api/")) {
            Optional<String> token = caller.map(role -> server.services().tokens()
                    .issue(Actor.system(), server.user(role), "access test").rawToken());
            return client.send(route.method(), path, token, route.method().equals("GET") ? Optional.empty() : Optional.of("{}"));
        }
        caller.ifPresent(role -> client.signedIn(role.id(), WebTestServer.PASSWORD));
        if (route.method().equals("GET")) {
            return client.get(path);
        }
        String csrf = caller.isPresent() ? client.csrf() : TestClient.csrfFrom(client.get("/login"));
        return client.postForm(path, Map.of("_csrf", csrf));
    }

    /** Pages deny with 403 or a redirect to sign-in; the API and the detailed health with 401 or 403. */
    private static boolean denied(RouteSpec route, HttpResponse<String> response) {
        int status = response.statusCode();
        if (route.path().startsWith("/api/") || route.path().equals("/health")) {
            return status == 401 || status == 403;
        }
        boolean toLogin = status == 303 && response.headers().firstValue("Location").orElse("").startsWith("/login?next=");
        return status == 403 || toLogin;
    }
}
