package com.fleetprovisioner.db.batch;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.provisioning.BatchProgress;
import com.fleetprovisioner.core.provisioning.DeviceIntake.Queued;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.DeviceUpdate;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.DeviceCounters;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.device.JooqDeviceRepository;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The batch states the pipeline sets: submitted → sending → completed / completed with failures /
 * cancelled, {@code ended_at} when it ends, and a requeue bringing an ended batch back to sending.
 */
class BatchLifecycleIT {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aBatchIsSendingOnceAttemptedAndCompletedWhenEveryDeviceIsProvisioned(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = user(db);
            long batch = batch(db, user, NOW);
            List<Queued> devices = queue(db, batch, user, "A", 3);
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            BatchLifecycle lifecycle = new BatchLifecycle(DatabaseFixture.dsl(db));

            assertThat(lifecycle.settle(NOW)).isEmpty();
            assertThat(state(repo, batch)).isEqualTo(Batch.State.SUBMITTED);
            inTx(db, () -> repo.lease(devices.get(0).deviceId(), "w", NOW, NOW.plusSeconds(30)).orElseThrow());
            assertThat(lifecycle.settle(NOW)).containsExactly(
                    new BatchLifecycle.Change(batch, Batch.State.SUBMITTED, Batch.State.SENDING));
            assertThat(state(repo, batch)).isEqualTo(Batch.State.SENDING);

            inTx(db, () -> repo.finish(devices.get(0).deviceId(), "w", DeviceUpdate.provisioned(Optional.empty(), NOW), NOW));
            devices.subList(1, 3).forEach(d -> provision(db, repo, d.deviceId()));
            new DeviceCounters(DatabaseFixture.dsl(db)).foldAll();
            Instant end = NOW.plusSeconds(5);
            assertThat(lifecycle.settle(end)).containsExactly(
                    new BatchLifecycle.Change(batch, Batch.State.SENDING, Batch.State.COMPLETED));
            BatchProgress p = repo.batchProgress(batch, end).orElseThrow();
            assertThat(p.state()).isEqualTo(Batch.State.COMPLETED);
            assertThat(p.endedAt()).contains(end);
            assertThat(p.ended()).isTrue();
            assertThat(lifecycle.settle(end.plusSeconds(1))).as("an ended batch is settled once").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void failuresEndItWithFailuresAndARequeueReopensIt(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = user(db);
            long batch = batch(db, user, NOW);
            List<Queued> devices = queue(db, batch, user, "B", 2);
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            BatchLifecycle lifecycle = new BatchLifecycle(DatabaseFixture.dsl(db));
            provision(db, repo, devices.get(0).deviceId());
            long failed = devices.get(1).deviceId();
            inTx(db, () -> repo.lease(failed, "w", NOW, NOW.plusSeconds(30)).orElseThrow());
            inTx(db, () -> repo.finish(failed, "w", DeviceUpdate.terminal(DeviceState.FAILED, 28, Text.of("device.error.answer", "no company")), NOW));

            assertThat(lifecycle.settle(NOW)).containsExactly(
                    new BatchLifecycle.Change(batch, Batch.State.SUBMITTED, Batch.State.COMPLETED_WITH_FAILURES));
            assertThat(repo.batchProgress(batch, NOW).orElseThrow().failures()).isEqualTo(1);

            assertThat(inTx(db, () -> repo.requeue(failed, NOW.plusSeconds(10)))).isTrue();
            BatchProgress reopened = repo.batchProgress(batch, NOW.plusSeconds(10)).orElseThrow();
            assertThat(reopened.state()).isEqualTo(Batch.State.SENDING);
            assertThat(reopened.endedAt()).isEmpty();
            assertThat(lifecycle.settle(NOW.plusSeconds(11))).as("a queued device keeps it open").isEmpty();

            provision(db, repo, failed);
            assertThat(lifecycle.settle(NOW.plusSeconds(20))).containsExactly(
                    new BatchLifecycle.Change(batch, Batch.State.SENDING, Batch.State.COMPLETED));
            assertThat(repo.batchProgress(batch, NOW).orElseThrow().endedAt()).contains(NOW.plusSeconds(20));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aCancelledBatchEndsWhenItsLastDeviceInFlightFinishes(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = user(db);
            long batch = batch(db, user, NOW);
            List<Queued> devices = queue(db, batch, user, "C", 4);
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            BatchLifecycle lifecycle = new BatchLifecycle(DatabaseFixture.dsl(db));
            long inFlight = devices.get(0).deviceId();
            inTx(db, () -> repo.lease(inFlight, "w", NOW, NOW.plusSeconds(30)).orElseThrow());

            assertThat(inTx(db, () -> repo.cancelBatch(batch, NOW.plusSeconds(1)))).hasSize(3);
            BatchProgress cancelling = repo.batchProgress(batch, NOW.plusSeconds(1)).orElseThrow();
            assertThat(cancelling.state()).isEqualTo(Batch.State.CANCELLED);
            assertThat(cancelling.endedAt()).as("a device is still in flight").isEmpty();
            assertThat(lifecycle.settle(NOW.plusSeconds(2))).isEmpty();

            inTx(db, () -> repo.finish(inFlight, "w", DeviceUpdate.provisioned(Optional.empty(), NOW), NOW.plusSeconds(3)));
            assertThat(lifecycle.settle(NOW.plusSeconds(4))).containsExactly(
                    new BatchLifecycle.Change(batch, Batch.State.CANCELLED, Batch.State.CANCELLED));
            assertThat(repo.batchProgress(batch, NOW).orElseThrow().endedAt()).contains(NOW.plusSeconds(4));

            assertThat(inTx(db, () -> repo.requeueCancelled(batch, NOW.plusSeconds(5)))).hasSize(3);
            BatchProgress requeued = repo.batchProgress(batch, NOW.plusSeconds(5)).orElseThrow();
            assertThat(requeued.state()).isEqualTo(Batch.State.SENDING);
            assertThat(requeued.endedAt()).isEmpty();
            assertThat(requeued.count(DeviceState.QUEUED)).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aCancelWithNothingInFlightEndsAtOnce(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = user(db);
            long batch = batch(db, user, NOW);
            queue(db, batch, user, "D", 2);
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            assertThat(inTx(db, () -> repo.cancelBatch(batch, NOW))).hasSize(2);
            assertThat(repo.batchProgress(batch, NOW).orElseThrow().endedAt()).contains(NOW);
            assertThat(new BatchLifecycle(DatabaseFixture.dsl(db)).settle(NOW.plusSeconds(1))).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aBatchWaitingBehindAnotherKnowsWhatIsAhead(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = user(db);
            long first = batch(db, user, NOW);
            queue(db, first, user, "E", 5);
            long second = batch(db, user, NOW.plusSeconds(1));
            queue(db, second, user, "F", 2);
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            assertThat(repo.batchProgress(second, NOW).orElseThrow().ahead())
                    .isEqualTo(new BatchProgress.Ahead(1, 5));
            assertThat(repo.batchProgress(first, NOW).orElseThrow().ahead()).isEqualTo(BatchProgress.Ahead.NONE);
        }
    }

    private static void provision(Database db, JooqDeviceRepository repo, long device) {
        inTx(db, () -> repo.lease(device, "w", NOW, NOW.plusSeconds(30)).orElseThrow());
        inTx(db, () -> repo.finish(device, "w", DeviceUpdate.provisioned(Optional.empty(), NOW), NOW));
    }

    private static Batch.State state(JooqDeviceRepository repo, long batch) {
        return repo.batchProgress(batch, NOW).orElseThrow().state();
    }

    private static <T> T inTx(Database db, Supplier<T> work) {
        return db.transactions().inTransaction(work);
    }

    private static long user(Database db) {
        return new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", NOW).id();
    }

    private static long batch(Database db, long user, Instant submittedAt) {
        return DatabaseFixture.dsl(db).insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, NOW).set(BATCH.SUBMITTED_AT, submittedAt)
                .set(BATCH.UPDATED_AT, NOW).returning(BATCH.ID).fetchOne(BATCH.ID);
    }

    private static List<Queued> queue(Database db, long batch, long user, String prefix, int count) {
        List<NewDevice> devices = IntStream.range(0, count).mapToObj(n -> new NewDevice(prefix + (100_000_000 + n),
                "calamp", 42, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), batch,
                Optional.empty(), user)).toList();
        return db.transactions().inTransaction(() -> new JooqDeviceIntake(DatabaseFixture.dsl(db)).insertQueued(devices, NOW));
    }
}
