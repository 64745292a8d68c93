package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.APP_USER;
import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceIntake.Queued;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.DeviceUpdate;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The device counters equal a GROUP BY over the device table after every kind of state change. */
class DeviceCountersIT {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyKindOfStateChangeKeepsTheCountersExact(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", NOW).id();
            List<Queued> a = queue(db, batch(db, user), user, "A", 8);
            List<Queued> b = queue(db, batch(db, user), user, "B", 3);
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            DeviceCounters counters = new DeviceCounters(DatabaseFixture.dsl(db));
            DeviceCountChecks.assertExact(db, "intake");
            assertThat(counters.total()).containsEntry(DeviceState.QUEUED, 11L);

            // provisioned with a billing start, from queued and (after a retry) from retrying
            long provisioned = a.get(0).deviceId();
            inTx(db, () -> repo.lease(provisioned, "w", NOW, NOW.plusSeconds(30)).orElseThrow());
            DeviceCountChecks.assertExact(db, "lease");
            inTx(db, () -> repo.finish(provisioned, "w", DeviceUpdate.provisioned(Optional.empty(),
                    NOW.plusSeconds(1)), NOW));
            DeviceCountChecks.assertExact(db, "provisioned");
            long retried = a.get(1).deviceId();
            inTx(db, () -> repo.lease(retried, "w", NOW, NOW.plusSeconds(30)).orElseThrow());
            inTx(db, () -> repo.finish(retried, "w", DeviceUpdate.retry(NOW.plusSeconds(5), false, null, Text.of("device.error.answer", "timeout")), NOW));
            DeviceCountChecks.assertExact(db, "retrying");
            counters.fold();
            DeviceCountChecks.assertExact(db, "after a fold");
            inTx(db, () -> repo.lease(retried, "w", NOW.plusSeconds(6), NOW.plusSeconds(36)).orElseThrow());
            DeviceCountChecks.assertExact(db, "lease from retrying");
            inTx(db, () -> repo.finish(retried, "w", DeviceUpdate.provisioned(Optional.empty(),
                    Instant.parse("2026-11-27T23:59:59Z")), NOW.plusSeconds(7)));
            DeviceCountChecks.assertExact(db, "provisioned on the second attempt");

            // a lease that expires mid-send: the next worker takes it over (sending to sending)
            long expired = a.get(2).deviceId();
            inTx(db, () -> repo.lease(expired, "dead", NOW, NOW.plusSeconds(30)).orElseThrow());
            inTx(db, () -> repo.markSending(expired, "dead", NOW, NOW.plusSeconds(30)));
            inTx(db, () -> repo.lease(expired, "next", NOW.plusSeconds(31), NOW.plusSeconds(60)).orElseThrow());
            DeviceCountChecks.assertExact(db, "lease expiry");
            inTx(db, () -> repo.finish(expired, "next", DeviceUpdate.terminal(DeviceState.NEEDS_REVIEW, null, Text.of("device.error.answer", "unknown")),
                    NOW.plusSeconds(32)));
            DeviceCountChecks.assertExact(db, "needs review");

            long failed = a.get(3).deviceId();
            inTx(db, () -> repo.lease(failed, "w", NOW, NOW.plusSeconds(30)).orElseThrow());
            inTx(db, () -> repo.finish(failed, "w", DeviceUpdate.terminal(DeviceState.FAILED, 28, Text.of("device.error.answer", "no company")), NOW));
            DeviceCountChecks.assertExact(db, "failed");
            // a device that is sending when the batch is cancelled stays sending
            inTx(db, () -> repo.lease(a.get(4).deviceId(), "w", NOW, NOW.plusSeconds(30)).orElseThrow());

            long batchA = repo.findById(failed).orElseThrow().batchId();
            assertThat(inTx(db, () -> repo.cancelBatch(batchA, NOW.plusSeconds(40)))).hasSize(3);
            DeviceCountChecks.assertExact(db, "cancel");
            assertThat(inTx(db, () -> repo.requeueFailed(batchA, NOW.plusSeconds(41)))).containsExactly(failed);
            DeviceCountChecks.assertExact(db, "requeue failed");
            long cancelled = a.get(5).deviceId();
            assertThat(inTx(db, () -> repo.requeue(cancelled, NOW.plusSeconds(42)))).isTrue();
            assertThat(inTx(db, () -> repo.requeue(cancelled, NOW.plusSeconds(42)))).as("no longer cancelled").isFalse();
            DeviceCountChecks.assertExact(db, "requeue one cancelled device");
            counters.foldAll();
            DeviceCountChecks.assertExact(db, "after folding everything");

            Map<DeviceState, Long> ofB = counters.ofBatch(repo.findById(b.get(0).deviceId()).orElseThrow().batchId());
            assertThat(ofB).containsEntry(DeviceState.QUEUED, 3L).containsEntry(DeviceState.PROVISIONED, 0L);
            assertThat(counters.total()).containsEntry(DeviceState.PROVISIONED, 2L)
                    .containsEntry(DeviceState.CANCELLED, 2L).containsEntry(DeviceState.SENDING, 1L);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void concurrentWorkersAndFoldsLoseNoChange(DatabaseKind kind) {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (Database db = TestDatabases.migrated(kind)) {
                long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", NOW).id();
                // one batch, as when a large batch is being sent: every worker changes the same batch's counts
                List<Queued> devices = queue(db, batch(db, user), user, "C", 400);
                JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
                DeviceCounters counters = new DeviceCounters(DatabaseFixture.dsl(db));
                AtomicBoolean working = new AtomicBoolean(true);
                ExecutorService pool = Executors.newFixedThreadPool(9);
                Future<?> folder = pool.submit(() -> {
                    while (working.get()) {
                        counters.fold();
                    }
                    return null;
                });
                List<Future<?>> workers = new ArrayList<>();
                for (int w = 0; w < 8; w++) {
                    int worker = w;
                    workers.add(pool.submit(() -> {
                        for (int i = worker; i < devices.size(); i += 8) {
                            work(db, repo, devices.get(i).deviceId(), "w" + worker, i);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : workers) {
                    f.get();
                }
                working.set(false);
                folder.get();
                pool.shutdown();
                DeviceCountChecks.assertExact(db, "after concurrent workers and folds");
                assertThat(counters.total().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(400);
                counters.foldAll();
                DeviceCountChecks.assertExact(db, "folded");
            }
        });
    }

    /** Lease, then by device number: provisioned, failed, needs review, or a retry that is leased again. */
    private static void work(Database db, JooqDeviceRepository repo, long device, String worker, int i) {
        inTx(db, () -> repo.lease(device, worker, NOW, NOW.plusSeconds(30)).orElseThrow());
        DeviceUpdate update = switch (i % 4) {
            case 0 -> DeviceUpdate.provisioned(Optional.empty(), NOW.plusSeconds(i * 60L));
            case 1 -> DeviceUpdate.terminal(DeviceState.FAILED, 28, Text.of("device.error.answer", "no company"));
            case 2 -> DeviceUpdate.terminal(DeviceState.NEEDS_REVIEW, null, Text.of("device.error.answer", "unknown"));
            default -> DeviceUpdate.retry(NOW.plusSeconds(1), false, null, Text.of("device.error.answer", "timeout"));
        };
        assertThat(inTx(db, () -> repo.finish(device, worker, update, NOW))).isTrue();
        if (i % 4 == 3) {
            inTx(db, () -> repo.lease(device, worker, NOW.plusSeconds(2), NOW.plusSeconds(30)).orElseThrow());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theMigrationCountsTheDevicesAlreadyThere(DatabaseKind kind) {
        var url = TestDatabases.freshUrl(kind);
        try (Database db = Database.connect(url.url(), url.user(), url.password(), 2)) {
            Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target("6").load().migrate();
            // plain SQL: the repositories know the newest schema, the database is at V6
            long user = DatabaseFixture.dsl(db).insertInto(APP_USER).set(APP_USER.USERNAME, "op").set(APP_USER.PASSWORD_HASH, "x")
                    .set(APP_USER.ROLE, Role.OPERATOR.id()).set(APP_USER.ENABLED, true).set(APP_USER.CREATED_AT, NOW)
                    .set(APP_USER.UPDATED_AT, NOW).returning(APP_USER.ID).fetchOne(APP_USER.ID);
            long one = batch(db, user);
            long two = batch(db, user);
            String[] states = {"queued", "provisioned", "provisioned", "failed", "sending", "provisioned"};
            for (int i = 0; i < 30; i++) {
                String state = states[i % states.length];
                DatabaseFixture.dsl(db).insertInto(DEVICE).set(DEVICE.PROVIDER_ID, "M" + (1_000_000 + i)).set(DEVICE.KIND, "calamp")
                        .set(DEVICE.COMPANY_ID, 42L).set(DEVICE.BATCH_ID, i % 3 == 0 ? one : two)
                        .set(DEVICE.SUBMITTED_BY, user).set(DEVICE.SUBMITTED_AT, NOW).set(DEVICE.STATE, state)
                        .set(DEVICE.UPDATED_AT, NOW)
                        .set(DEVICE.BILLING_STARTED_AT, state.equals("provisioned") ? NOW.plusSeconds(i * 500L) : null)
                        .execute();
            }
            db.migrate();
            DeviceCountChecks.assertExact(db, "backfilled by the migration");
            assertThat(new DeviceCounters(DatabaseFixture.dsl(db)).total()).containsEntry(DeviceState.PROVISIONED, 15L);
        }
    }

    private static <T> T inTx(Database db, java.util.function.Supplier<T> work) {
        return db.transactions().inTransaction(work);
    }

    private static long batch(Database db, long user) {
        return DatabaseFixture.dsl(db).insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, NOW).set(BATCH.UPDATED_AT, NOW)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
    }

    private static List<Queued> queue(Database db, long batch, long user, String prefix, int count) {
        List<NewDevice> devices = IntStream.range(0, count).mapToObj(n -> new NewDevice(prefix + (100_000_000 + n),
                "calamp", 42, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), batch,
                Optional.empty(), user)).toList();
        return db.transactions().inTransaction(() -> new JooqDeviceIntake(DatabaseFixture.dsl(db)).insertQueued(devices, NOW));
    }
}
