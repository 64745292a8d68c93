package com.fleetprovisioner.web.batches;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.BATCH_ROW;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An upload's rows are committed a chunk at a time while its batch is hidden: a file refused after
 * several chunks leaves no batch and no row behind, and a good one is a draft only once complete.
 */
class ChunkedUploadIT {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aFileRefusedAfterSeveralChunksLeavesNothingAndAGoodOneBecomesADraft(DatabaseKind kind) {
        try (WebTestServer server = WebTestServer.start(kind)) {
            String token = server.services().tokens().issue(Actor.system(), server.user(Role.OPERATOR), "api").rawToken();
            StringBuilder csv = new StringBuilder("IMEI,Kind,Company\n");
            for (int i = 0; i < 1_200; i++) {
                csv.append(IntakeFiles.imei(i)).append(",genx,42\n");
            }
            String good = csv.toString();
            // row 1,202: 300 cells, beyond column IV: refused after two chunks of 500 rows went in
            csv.append("x,".repeat(299)).append("x\n");
            HttpResponse<String> refused = server.client().postFile("/api/v1/batches", Optional.of(token), Map.of(),
                    "late.csv", IntakeFiles.csv(csv.toString()));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("Row 1202");
            assertThat(DatabaseFixture.dsl(server.database()).fetchCount(BATCH)).isZero();
            assertThat(DatabaseFixture.dsl(server.database()).fetchCount(BATCH_ROW)).isZero();
            assertThat(server.services().audit().recent(5)).anySatisfy(e -> assertThat(e.action()).isEqualTo("batch.upload.refused"));

            HttpResponse<String> accepted = server.client().postFile("/api/v1/batches", Optional.of(token), Map.of(),
                    "good.csv", IntakeFiles.csv(good));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
            assertThat(DatabaseFixture.dsl(server.database()).select(BATCH.STATE).from(BATCH).fetch(BATCH.STATE)).containsExactly("draft");
            assertThat(DatabaseFixture.dsl(server.database()).fetchCount(BATCH_ROW)).isEqualTo(1_200);
        }
    }
}
