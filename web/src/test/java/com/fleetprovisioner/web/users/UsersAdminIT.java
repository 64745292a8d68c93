package com.fleetprovisioner.web.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.auth.User;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UsersAdminIT {
    private static WebTestServer server;
    private static TestClient admin;

    @BeforeAll
    static void start() {
        server = WebTestServer.start(DatabaseKind.POSTGRES);
        admin = server.client().signedIn("admin", WebTestServer.PASSWORD);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAdminCreatesAUserWhoCanThenSignInWithTheirRole() {
        HttpResponse<String> created = admin.postFormWithCsrf("/admin/users",
                Map.of("username", "Dana@Example.com", "role", "operator", "password", "a-long-enough-password"));
        assertThat(created.statusCode()).isEqualTo(303);
        assertThat(admin.get("/admin/users").body()).contains("dana@example.com");

        TestClient dana = server.client().signedIn("dana@example.com", "a-long-enough-password");
        assertThat(dana.get("/admin/users").statusCode()).isEqualTo(403);
    }

    @Test
    void invalidInputIsShownBesideTheFieldsWith422() {
        HttpResponse<String> response = admin.postFormWithCsrf("/admin/users",
                Map.of("username", "x", "role", "viewer", "password", "short"));
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("new-username-error").contains("3 to 100 characters");

        HttpResponse<String> duplicate = admin.postFormWithCsrf("/admin/users",
                Map.of("username", "viewer", "role", "viewer", "password", "a-long-enough-password"));
        assertThat(duplicate.statusCode()).isEqualTo(422);
        assertThat(duplicate.body()).contains("already exists");
    }

    @Test
    void theLastAdminCannotBeDemotedOrDisabled() {
        long adminId = server.user(Role.ADMIN).id();
        admin.postFormWithCsrf("/admin/users/" + adminId + "/role", Map.of("role", "viewer"));
        assertThat(server.services().users().get(adminId).role()).isEqualTo(Role.ADMIN);
        assertThat(admin.get("/admin/users").body()).contains("at least one enabled admin");
    }

    @Test
    void aResetPasswordReplacesTheOldOneAndEndsSessions() {
        User operator = server.user(Role.OPERATOR);
        TestClient session = server.client().signedIn("operator", WebTestServer.PASSWORD);
        admin.postFormWithCsrf("/admin/users/" + operator.id() + "/password", Map.of("password", "brand-new-password-1"));
        assertThat(session.get("/").statusCode()).isEqualTo(303);
        assertThat(server.client().login("operator", "brand-new-password-1").statusCode()).isEqualTo(303);
        admin.postFormWithCsrf("/admin/users/" + operator.id() + "/password", Map.of("password", WebTestServer.PASSWORD));
    }
}
