package com.fleetprovisioner.web.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AuditPageIT {
    private static WebTestServer server;
    private static TestClient admin;

    @BeforeAll
    static void start() {
        server = WebTestServer.start(DatabaseKind.H2);
        server.client().login("viewer", "a-wrong-password");
        for (int i = 0; i < 60; i++) {
            server.services().audit().record(new AuditEntry(server.clock().instant(), Actor.anonymous("script", "10.1.1.1"),
                    "token.created", "entry-" + i, ""));
        }
        admin = server.client().signedIn("admin", WebTestServer.PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void signInAttemptsAreThereFilteredByActorAndAction() {
        String page = admin.get("/admin/audit?actor=viewer&action=login.").body();
        assertThat(page).contains("data-action=\"login.failed\"").contains(">Sign-in failed<").contains("wrong password (web)").doesNotContain("entry-");
    }

    @Test
    void theLogPagesByKeysetWithoutOverlap() {
        String first = admin.get("/admin/audit?actor=script").body();
        assertThat(first).contains("entry-59").contains("entry-10").doesNotContain("entry-9<");
        Matcher older = Pattern.compile("href=\"(/admin/audit\\?[^\"]+)\"").matcher(first);
        assertThat(older.find()).isTrue();
        String second = admin.get(older.group(1).replace("&amp;", "&")).body();
        assertThat(second).contains("entry-9<").contains("entry-0<").doesNotContain("entry-10<");
    }

    @Test
    void aMalformedDateIsShownBesideItsField() {
        HttpResponse<String> response = admin.get("/admin/audit?from=27.11.2026");
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("Use a date like 2026-11-27");
    }
}
