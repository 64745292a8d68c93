package com.fleetprovisioner.db.search;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.core.search.DeviceHit;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceSearchIT {
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
    private static final List<String> IDS = List.of("356938035643809", "356938035643810", "861234035640000", "86123403564",
            "A1-B2_C3%D4", "359000000000001");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void findsDevicesByAnyPartOfTheirIdInIdOrderUpToTheCap(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long batch = seed(db);
            JooqDeviceSearch search = new JooqDeviceSearch(db.dsl());

            assertThat(search.byIdFragment("03564", 10)).extracting(DeviceHit::providerId)
                    .as("a fragment from the middle, in id order")
                    .containsExactly("356938035643809", "356938035643810", "86123403564", "861234035640000");
            assertThat(search.byIdFragment("03564", 2)).extracting(DeviceHit::providerId)
                    .containsExactly("356938035643809", "356938035643810");
            assertThat(search.byIdFragment("0000000001", 10)).extracting(DeviceHit::providerId)
                    .as("the end of an id").containsExactly("359000000000001");
            assertThat(search.byIdFragment("356938035643810", 10)).singleElement().satisfies(hit -> {
                assertThat(hit.batchId()).isEqualTo(batch);
                assertThat(hit.state()).isEqualTo(DeviceState.QUEUED);
                assertThat(hit.kind()).isEqualTo("calamp");
                assertThat(hit.submittedAt()).isEqualTo(T0);
            });
            assertThat(search.byIdFragment("C3%D", 10)).extracting(DeviceHit::providerId).containsExactly("A1-B2_C3%D4");
            assertThat(search.byIdFragment("%", 10)).as("% is itself, not a wildcard").hasSize(1);
            assertThat(search.byIdFragment("2_C", 10)).hasSize(1);
            assertThat(search.byIdFragment("6_9", 10)).as("_ is itself").isEmpty();
            assertThat(search.byIdFragment("!", 10)).as("the escape character is itself").isEmpty();
            assertThat(search.byIdFragment("x".repeat(51), 10)).as("longer than any id").isEmpty();
            assertThat(search.byIdFragment("999999", 10)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void postgresqlHasTheTrigramIndexAndH2DoesNotNeedIt(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            boolean postgres = db.dsl().dialect().family() == org.jooq.SQLDialect.POSTGRES;
            if (postgres) {
                assertThat(db.dsl().fetchValue("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_device_provider_trgm'"))
                        .asString().contains("gin").contains("gin_trgm_ops");
            } else {
                assertThat(db.dsl().fetchValue("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES "
                        + "WHERE LOWER(INDEX_NAME) = 'ix_device_provider_submitted'")).asString().isEqualTo("1");
            }
        }
    }

    private static long seed(Database db) {
        long user = new JooqUserRepository(db.dsl()).create("op", Role.OPERATOR, "x", T0).id();
        long batch = db.dsl().insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, T0).set(BATCH.UPDATED_AT, T0)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
        new JooqDeviceIntake(db.dsl()).insertQueued(IDS.stream().map(id -> new NewDevice(id, "calamp", 42, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), batch, Optional.empty(), user)).toList(), T0);
        return batch;
    }
}
