package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.provisioning.DeviceIntake.Queued;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceIntakeIT {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void devicesAreQueuedOnceAndKnownAfterwards(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", NOW).id();
            long batch = batch(db, user);
            JooqDeviceIntake intake = new JooqDeviceIntake(DatabaseFixture.dsl(db));

            List<Queued> first = intake.insertQueued(devices(batch, user, 0, 3), NOW);
            assertThat(first).extracting(Queued::providerId).containsExactly("356938035643800", "356938035643801", "356938035643802");
            long otherBatch = batch(db, user);
            List<Queued> second = intake.insertQueued(devices(otherBatch, user, 2, 5), NOW.plusSeconds(1));
            assertThat(second).extracting(Queued::providerId).containsExactly("356938035643803", "356938035643804");

            assertThat(queued(db)).isEqualTo(5);
            assertThat(intake.findKnown(List.of("356938035643802", "nope"))).containsOnlyKeys("356938035643802")
                    .hasValueSatisfying(new org.assertj.core.api.Condition<>(k -> k.batchId() == batch, "first batch"));
            assertThat(DatabaseFixture.dsl(db).fetchCount(DEVICE_EVENT)).isEqualTo(5);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void fiveOverlappingSubmissionsAtOnceQueueEachIdExactlyOnce(DatabaseKind kind) throws Exception {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", NOW).id();
            ExecutorService pool = Executors.newFixedThreadPool(5);
            List<Future<List<Queued>>> results = new ArrayList<>();
            for (int upload = 0; upload < 5; upload++) {
                long batch = batch(db, user);
                int start = upload * 100; // each list overlaps the next by half
                Callable<List<Queued>> submit = () -> db.transactions().inTransaction(
                        () -> new JooqDeviceIntake(DatabaseFixture.dsl(db)).insertQueued(devices(batch, user, start, start + 200), NOW));
                results.add(pool.submit(submit));
            }
            List<String> queued = new ArrayList<>();
            for (Future<List<Queued>> result : results) {
                result.get().forEach(q -> queued.add(q.providerId()));
            }
            pool.shutdown();
            assertThat(queued).hasSize(600).doesNotHaveDuplicates();
            assertThat(queued(db)).isEqualTo(600);
        }
    }

    private static long batch(Database db, long user) {
        return DatabaseFixture.dsl(db).insertInto(BATCH)
                .set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted").set(BATCH.CREATED_BY, user)
                .set(BATCH.CREATED_AT, NOW).set(BATCH.UPDATED_AT, NOW)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
    }

    private static List<NewDevice> devices(long batch, long user, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new NewDevice(String.format("3569380356438%02d", i), "calamp", 42,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), batch, Optional.of(i + 2), user)).toList();
    }

    private static int queued(Database db) {
        return DatabaseFixture.dsl(db).fetchCount(DEVICE, DEVICE.STATE.eq(DeviceState.QUEUED.id()));
    }
}
