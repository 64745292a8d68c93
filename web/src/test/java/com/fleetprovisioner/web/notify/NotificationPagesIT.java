package com.fleetprovisioner.web.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class NotificationPagesIT {
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
    void anAdminAddsAWebhookSeesItsSecretOnceAndRemovesIt() {
        TestClient admin = server.client().signedIn("admin", WebTestServer.PASSWORD);
        HttpResponse<String> created = admin.postFormWithCsrf("/admin/notifications/webhooks",
                Map.of("name", "ops channel", "url", "https://hooks.example.com/fleet?token=abc"));
        assertThat(created.statusCode()).isEqualTo(201);
        Matcher secret = Pattern.compile("id=\"webhook-secret\"[^>]*>(whsec_[^<]+)<").matcher(created.body());
        assertThat(secret.find()).as("the secret is shown once").isTrue();

        String page = admin.get("/admin/notifications").body();
        assertThat(page).contains("ops channel", "https://hooks.example.com/fleet?token=abc")
                .doesNotContain(secret.group(1));
        String audit = server.services().audit().recent(20).stream().map(AuditEntry::toString).reduce("", String::concat);
        assertThat(audit).contains("webhook.created", "hooks.example.com").doesNotContain(secret.group(1), "token=abc");

        Matcher remove = Pattern.compile("action=\"(/admin/notifications/webhooks/\\d+/remove)\"").matcher(page);
        assertThat(remove.find()).isTrue();
        HttpResponse<String> removed = admin.postFormWithCsrf(remove.group(1), Map.of());
        assertThat(removed.statusCode()).isEqualTo(303);
        assertThat(admin.get("/admin/notifications").body()).doesNotContain("ops channel");
        assertThat(server.services().audit().recent(5)).extracting(AuditEntry::action).contains("webhook.removed");
    }

    @Test
    void aWebhookWithoutAUsableUrlIsRefusedBesideTheForm() {
        TestClient admin = server.client().signedIn("admin", WebTestServer.PASSWORD);
        HttpResponse<String> refused = admin.postFormWithCsrf("/admin/notifications/webhooks",
                Map.of("name", "x".repeat(500), "url", "javascript:alert(1)"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Enter an http:// or https:// URL with a host.",
                "Give the webhook a name of at most 100 characters.").doesNotContain("whsec_");
        assertThat(server.services().notifications().webhooks()).isEmpty();
    }

    @Test
    void everyoneSetsTheirOwnAddressAndMayOptOut() {
        TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
        assertThat(viewer.postFormWithCsrf("/account", Map.of("email", "not an address")).statusCode()).isEqualTo(422);
        HttpResponse<String> saved = viewer.postFormWithCsrf("/account",
                Map.of("email", "viewer@example.com", "optOut", "on"));
        assertThat(saved.statusCode()).isEqualTo(303);
        long viewerId = server.user(Role.VIEWER).id();
        assertThat(server.services().notifications().preferences(viewerId)).get().satisfies(r -> {
            assertThat(r.email()).isEqualTo("viewer@example.com");
            assertThat(r.optedOut()).isTrue();
        });
        assertThat(viewer.get("/account").body()).contains("viewer@example.com", "checked");
        assertThat(server.services().audit().recent(5)).extracting(AuditEntry::action).contains("account.notifications");
    }
}
