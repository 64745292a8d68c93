package com.fleetprovisioner.web.history;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.DeviceSeeds;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Edit and requeue over HTTP, on H2 and PostgreSQL: intake's rules, write-only password, audit, queued again. */
class DeviceEditIT {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aFailedDeviceIsCorrectedAndQueuedAgainWhileOthersAreLeftAlone(DatabaseKind kind) {
        try (WebTestServer server = WebTestServer.start(kind)) {
            DeviceSeeds.queued(server, Map.of("357000000000001", 42, "357000000000002", 42));
            DeviceSeeds.failed(server, "Unknown provider kind", "357000000000001");
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);

            assertThat(operator.get("/history/357000000000001").body()).contains("/history/357000000000001/edit");
            String form = operator.get("/history/357000000000001/edit").body();
            assertThat(form).contains("Unknown provider kind", "value=\"42\"");

            HttpResponse<String> refused = operator.postFormWithCsrf("/history/357000000000001/edit",
                    Map.of("kind", "toaster", "company", "999999", "phone", "12", "password", "x".repeat(51)));
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("id=\"kind-error\"", "id=\"company-error\"", "id=\"password-error\"")
                    .doesNotContain("x".repeat(51));
            assertThat(DeviceSeeds.states(server)).containsEntry("357000000000001", "failed");

            HttpResponse<String> saved = operator.postFormWithCsrf("/history/357000000000001/edit",
                    Map.of("kind", "teltonika", "company", "43", "phone", "+1 (555) 010-0199", "password", "s3cret-pass"));
            assertThat(saved.statusCode()).isEqualTo(303);
            var row = DatabaseFixture.dsl(server.database()).selectFrom(DEVICE).where(DEVICE.PROVIDER_ID.eq("357000000000001")).fetchOne();
            assertThat(row.getState()).isEqualTo("queued");
            assertThat(row.getKind()).isEqualTo("teltonika");
            assertThat(row.getCompanyId()).isEqualTo(43);
            assertThat(row.getPhoneNumber()).isEqualTo("15550100199");
            assertThat(row.getPasswordSecret()).doesNotContain("s3cret-pass");
            assertThat(server.services().secrets().open(row.getPasswordSecret())).isEqualTo("s3cret-pass");
            assertThat(server.enqueued()).contains(row.getId());
            assertThat(server.services().audit().recent(5)).filteredOn(e -> e.action().equals("device.edit-requeue"))
                    .singleElement().satisfies(e -> assertThat(e.details()).contains("kind", "company", "password")
                            .doesNotContain("s3cret-pass"));

            // a device that is not failed or cancelled (queued, or provisioned: billed) is never edited
            HttpResponse<String> again = operator.postFormWithCsrf("/history/357000000000002/edit",
                    Map.of("kind", "teltonika", "company", "43", "phone", "", "password", ""));
            assertThat(again.statusCode()).isEqualTo(422);
            assertThat(DeviceSeeds.states(server)).containsEntry("357000000000002", "queued");
            assertThat(server.client().signedIn("viewer", WebTestServer.PASSWORD)
                    .postFormWithCsrf("/history/357000000000001/edit", Map.of()).statusCode()).isEqualTo(403);
        }
    }
}
