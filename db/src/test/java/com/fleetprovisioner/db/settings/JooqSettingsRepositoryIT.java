package com.fleetprovisioner.db.settings;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.settings.SendsInProgress;
import com.fleetprovisioner.core.settings.SettingsRepository.Stored;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqSettingsRepositoryIT {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void writesReplacesRemovesAndBumpsTheVersion(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long admin = new JooqUserRepository(DatabaseFixture.dsl(db)).create("admin", Role.ADMIN, "x", NOW).id();
            JooqSettingsRepository repository = new JooqSettingsRepository(DatabaseFixture.dsl(db));
            assertThat(repository.version()).isZero();
            assertThat(repository.readAll()).isEmpty();

            db.transactions().run(() -> repository.write(Map.of(
                    "pipeline.send_rate", new Stored("5", false, NOW, Optional.of(admin)),
                    "ff.password", new Stored("v1:sealed", true, NOW, Optional.of(admin))), Set.of(), NOW));
            assertThat(repository.version()).isEqualTo(1);
            assertThat(repository.readAll()).containsOnlyKeys("pipeline.send_rate", "ff.password");
            assertThat(repository.readAll().get("ff.password")).isEqualTo(new Stored("v1:sealed", true, NOW, Optional.of(admin)));

            Instant later = NOW.plusSeconds(60);
            db.transactions().run(() -> repository.write(Map.of(
                    "pipeline.send_rate", new Stored("7", false, later, Optional.of(admin))), Set.of("ff.password"), later));
            assertThat(repository.version()).isEqualTo(2);
            assertThat(repository.readAll()).containsOnlyKeys("pipeline.send_rate");
            assertThat(repository.readAll().get("pipeline.send_rate").value()).isEqualTo("7");
            assertThat(repository.readAll().get("pipeline.send_rate").updatedAt()).isEqualTo(later);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void countsDevicesMidSendAndOpenUnknownOutcomes(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", NOW).id();
            long batch = DatabaseFixture.dsl(db).insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                    .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, NOW).set(BATCH.UPDATED_AT, NOW)
                    .returning(BATCH.ID).fetchOne(BATCH.ID);
            device(db, batch, user, "1", "sending", false);
            device(db, batch, user, "2", "sending", true);
            device(db, batch, user, "3", "retrying", true);
            device(db, batch, user, "4", "queued", false);
            device(db, batch, user, "5", "provisioned", true); // settled: no longer unknown for the pipeline
            device(db, batch, user, "6", "needs_review", true);

            assertThat(new JooqSettingsRepository(DatabaseFixture.dsl(db)).count()).isEqualTo(new SendsInProgress.Counts(2, 2));
        }
    }

    private static void device(Database db, long batch, long user, String id, String state, boolean unknown) {
        DatabaseFixture.dsl(db).insertInto(DEVICE).set(DEVICE.PROVIDER_ID, id).set(DEVICE.KIND, "calamp").set(DEVICE.COMPANY_ID, 42L)
                .set(DEVICE.BATCH_ID, batch).set(DEVICE.SUBMITTED_BY, user).set(DEVICE.SUBMITTED_AT, NOW)
                .set(DEVICE.STATE, state).set(DEVICE.OUTCOME_UNKNOWN, unknown).set(DEVICE.UPDATED_AT, NOW).execute();
    }
}
