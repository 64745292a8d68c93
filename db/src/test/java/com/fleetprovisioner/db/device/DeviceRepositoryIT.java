package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceIntake.Queued;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.DeviceUpdate;
import com.fleetprovisioner.core.provisioning.LeasedDevice;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.QueuedBatch;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceRepositoryIT {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void exactlyOneOfManyRacingWorkersTakesTheLease(DatabaseKind kind) throws Exception {
        try (Database db = TestDatabases.migrated(kind)) {
            long device = queue(db, 1).get(0).deviceId();
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Optional<LeasedDevice>>> attempts = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String owner = "w" + w;
                // as the pipeline calls it: no transaction of the caller's (the lease is atomic by itself)
                Callable<Optional<LeasedDevice>> lease = () -> repo.lease(device, owner, NOW, NOW.plusSeconds(60));
                attempts.add(pool.submit(lease));
            }
            long winners = 0;
            for (Future<Optional<LeasedDevice>> f : attempts) {
                winners += f.get().isPresent() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(winners).isEqualTo(1);
            assertThat(repo.findById(device).orElseThrow().attempts()).isEqualTo(1);
            DeviceCountChecks.assertExact(db, "racing leases");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aLeaseGuardsSendingAndFinishingAndExpiresForTheNextWorker(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long device = queue(db, 1).get(0).deviceId();
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            LeasedDevice first = repo.lease(device, "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            assertThat(first.mustReconcile()).isTrue();
            assertThat(repo.lease(device, "b", NOW.plusSeconds(10), NOW.plusSeconds(40))).isEmpty();
            assertThat(repo.markSending(device, "b", NOW.plusSeconds(1), NOW.plusSeconds(30))).isFalse();
            assertThat(repo.markSending(device, "a", NOW.plusSeconds(1), NOW.plusSeconds(30))).isTrue();

            // "a" dies after the write-ahead mark; "b" takes over once the lease expired and must reconcile
            LeasedDevice second = repo.lease(device, "b", NOW.plusSeconds(31), NOW.plusSeconds(60)).orElseThrow();
            assertThat(second.outcomeUnknown()).isTrue();
            assertThat(second.sentAt()).contains(NOW.plusSeconds(1));
            assertThat(second.mustReconcile()).isTrue();
            assertThat(second.attempt()).isEqualTo(2);
            assertThat(repo.finish(device, "a", DeviceUpdate.provisioned(Optional.empty(), NOW), NOW)).isFalse();
            assertThat(repo.finish(device, "b", DeviceUpdate.provisioned(Optional.empty(), NOW.plusSeconds(1)),
                    NOW.plusSeconds(32))).isTrue();
            assertThat(repo.findById(device).orElseThrow().state()).isEqualTo(DeviceState.PROVISIONED);
            assertThat(repo.findById(device).orElseThrow().billingStartedAt()).contains(NOW.plusSeconds(1));
            assertThat(repo.lease(device, "c", NOW.plusSeconds(100), NOW.plusSeconds(130))).as("terminal").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aFinishWritesWhatTheAttemptLearnedAndKeepsWhatItDidNot(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            List<Queued> devices = queue(db, 3);
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            long added = devices.get(0).deviceId();
            long notSent = devices.get(1).deviceId();
            long unknown = devices.get(2).deviceId();
            for (long id : List.of(added, notSent, unknown)) {
                repo.lease(id, "a", NOW, NOW.plusSeconds(30)).orElseThrow();
                assertThat(repo.markSending(id, "a", NOW.plusSeconds(1), NOW.plusSeconds(30))).isTrue();
            }

            assertThat(repo.finish(added, "a", DeviceUpdate.provisioned(Optional.of(NOW.plusSeconds(2)), NOW.plusSeconds(3)),
                    NOW.plusSeconds(4))).isTrue();
            var row = DatabaseFixture.dsl(db).selectFrom(DEVICE).where(DEVICE.ID.eq(added)).fetchOne();
            assertThat(row.getState()).isEqualTo(DeviceState.PROVISIONED.id());
            assertThat(row.getReceivedAt()).isEqualTo(NOW.plusSeconds(2));
            assertThat(row.getBillingStartedAt()).isEqualTo(NOW.plusSeconds(3));
            assertThat(row.getSentAt()).as("the send is kept").isEqualTo(NOW.plusSeconds(1));
            assertThat(row.getAttempts()).isEqualTo(1);
            assertThat(row.getOutcomeUnknown()).isFalse();
            assertThat(row.getLeaseOwner()).isNull();
            assertThat(row.getLeaseUntil()).isNull();
            assertThat(row.getLastErrorKey()).isNull();
            assertThat(row.getUpdatedAt()).isEqualTo(NOW.plusSeconds(4));

            // the merge never left: the attempt is given back and the write-ahead mark forgotten
            assertThat(repo.finish(notSent, "a", DeviceUpdate.notSent(NOW.plusSeconds(9), false, true,
                    Text.of("event.text.notSent", "mergeProvider", "not connected", "12:00:09")), NOW.plusSeconds(4))).isTrue();
            row = DatabaseFixture.dsl(db).selectFrom(DEVICE).where(DEVICE.ID.eq(notSent)).fetchOne();
            assertThat(row.getState()).isEqualTo(DeviceState.QUEUED.id());
            assertThat(row.getAttempts()).isZero();
            assertThat(row.getSentAt()).isNull();
            assertThat(row.getNextAttemptAt()).isEqualTo(NOW.plusSeconds(9));
            assertThat(row.getReceivedAt()).isNull();
            assertThat(row.getBillingStartedAt()).isNull();
            assertThat(row.getLastErrorKey()).isEqualTo("event.text.notSent");

            // no answer: the attempt counts, the mark and the doubt stay for the next holder to reconcile; a
            // time the update does not give is kept
            DatabaseFixture.dsl(db).update(DEVICE).set(DEVICE.RECEIVED_AT, NOW.plusSeconds(2))
                    .where(DEVICE.ID.eq(unknown)).execute();
            assertThat(repo.finish(unknown, "a", DeviceUpdate.retry(NOW.plusSeconds(9), true, 105,
                    Text.of("device.error.answer", "timeout")), NOW.plusSeconds(4))).isTrue();
            row = DatabaseFixture.dsl(db).selectFrom(DEVICE).where(DEVICE.ID.eq(unknown)).fetchOne();
            assertThat(row.getState()).isEqualTo(DeviceState.RETRYING.id());
            assertThat(row.getAttempts()).isEqualTo(1);
            assertThat(row.getSentAt()).isEqualTo(NOW.plusSeconds(1));
            assertThat(row.getOutcomeUnknown()).isTrue();
            assertThat(row.getLastErrorCode()).isEqualTo(105);
            assertThat(row.getLastErrorArgs()).contains("timeout");
            assertThat(row.getReceivedAt()).isEqualTo(NOW.plusSeconds(2));
            assertThat(repo.finish(unknown, "a", DeviceUpdate.provisioned(Optional.empty(), NOW), NOW))
                    .as("finished once: no longer sending").isFalse();
            DeviceCountChecks.assertExact(db, "finishes");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void cancellingSparesDevicesThatMayAlreadyBeAddedAndRequeueStartsANewGeneration(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            List<Queued> devices = queue(db, 3);
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            long unknown = devices.get(0).deviceId();
            repo.lease(unknown, "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            repo.markSending(unknown, "a", NOW, NOW.plusSeconds(30));
            repo.finish(unknown, "a", DeviceUpdate.retry(NOW.plusSeconds(5), true, null, Text.of("device.error.answer", "timeout")), NOW);
            long failed = devices.get(1).deviceId();
            repo.lease(failed, "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            repo.finish(failed, "a", DeviceUpdate.terminal(DeviceState.FAILED, 28, Text.of("event.text.gaveUp", 3, "no \"company\"")), NOW);
            // the last error is kept as its key and arguments (shown in each reader's language); an older row's sentence as it is
            assertThat(repo.findById(failed).orElseThrow().lastErrorMessage())
                    .contains(Text.of("event.text.gaveUp", 3, "no \"company\""));
            DatabaseFixture.dsl(db).update(DEVICE).setNull(DEVICE.LAST_ERROR_KEY).setNull(DEVICE.LAST_ERROR_ARGS)
                    .set(DEVICE.LAST_ERROR_MESSAGE, "Gave up after 3 attempts").where(DEVICE.ID.eq(unknown)).execute();
            assertThat(repo.findById(unknown).orElseThrow().lastErrorMessage()).contains(Text.verbatim("Gave up after 3 attempts"));

            long batch = repo.findById(unknown).orElseThrow().batchId();
            assertThat(repo.cancelBatch(batch, NOW)).containsExactly(devices.get(2).deviceId());
            assertThat(repo.findById(unknown).orElseThrow().state()).isEqualTo(DeviceState.RETRYING);
            assertThat(repo.lease(unknown, "b", NOW.plusSeconds(6), NOW.plusSeconds(60)).orElseThrow().batchCancelled())
                    .isTrue();

            assertThat(repo.requeueFailed(batch, NOW)).containsExactly(failed);
            assertThat(repo.findById(failed).orElseThrow().state()).isEqualTo(DeviceState.QUEUED);
            assertThat(repo.requeue(failed, NOW)).as("only failed or cancelled").isFalse();
        }
    }
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void batchProgressRateCountsTheDevicesFinishedInTheLastMinuteOverTheTimeTheyTook(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            List<Queued> devices = queue(db, 3);
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            long failed = devices.get(0).deviceId();
            repo.lease(failed, "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            repo.finish(failed, "a", DeviceUpdate.terminal(DeviceState.FAILED, 28, Text.of("device.error.answer", "no company")), NOW);
            long retrying = devices.get(1).deviceId();
            repo.lease(retrying, "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            repo.finish(retrying, "a", DeviceUpdate.retry(NOW.plusSeconds(5), false, null, Text.of("device.error.answer", "timeout")), NOW);
            long batch = repo.findById(failed).orElseThrow().batchId();

            var progress = repo.batchProgress(batch, NOW.plusSeconds(30)).orElseThrow();
            assertThat(progress.perSecond())
                    .as("one terminal device, measured over the 30 s since it ended; retrying does not count")
                    .isEqualTo(1 / 30.0);
            assertThat(repo.batchProgress(batch, NOW.plusSeconds(2)).orElseThrow().perSecond())
                    .as("never over less than 5 s").isEqualTo(1 / 5.0);
            assertThat(progress.remaining()).isEqualTo(2);
            assertThat(repo.batchProgress(batch, NOW.plusSeconds(120)).orElseThrow().perSecond()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aBatchReadAgainIsMeasuredByItsCountersSinceTheEarlierReading(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            List<Queued> devices = queue(db, 5);
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            long batch = repo.findById(devices.get(0).deviceId()).orElseThrow().batchId();
            assertThat(repo.batchProgress(batch, NOW.plusSeconds(100)).orElseThrow().perSecond()).isZero();
            for (Queued d : devices.subList(0, 4)) {
                repo.lease(d.deviceId(), "a", NOW, NOW.plusSeconds(30)).orElseThrow();
                repo.finish(d.deviceId(), "a", DeviceUpdate.provisioned(Optional.empty(), NOW), NOW);
            }
            // their rows say they finished at NOW, 108 s before the reading: the table finds none in the last minute
            assertThat(repo.batchProgress(batch, NOW.plusSeconds(108)).orElseThrow().perSecond())
                    .as("4 devices finished since the reading 8 s earlier").isEqualTo(0.5);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theFarEndOfABatchIsItsHighestQueuedDevicesALeaseWouldTake(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            List<Long> ids = queue(db, 6).stream().map(Queued::deviceId).toList();
            List<Long> other = queue(db, 2, "op2", "35693808000000").stream().map(Queued::deviceId).toList();
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            long batch = repo.findById(ids.get(0)).orElseThrow().batchId();
            repo.lease(ids.get(5), "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            repo.lease(ids.get(4), "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            repo.finish(ids.get(4), "a", DeviceUpdate.provisioned(Optional.empty(), NOW), NOW);
            repo.lease(ids.get(3), "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            repo.finish(ids.get(3), "a", DeviceUpdate.retry(NOW.plusSeconds(5), false, null,
                    Text.of("device.error.answer", "timeout")), NOW);

            assertThat(repo.queuedFromTop(batch, NOW, 2)).as("highest first, none held, finished or retrying")
                    .containsExactly(ids.get(2), ids.get(1));
            assertThat(repo.queuedFromTop(batch, NOW, 64)).containsExactly(ids.get(2), ids.get(1), ids.get(0));
            assertThat(other).doesNotContainAnyElementsOf(repo.queuedFromTop(batch, NOW, 64));

            repo.setBatchPaused(batch, true, NOW);
            assertThat(repo.queuedFromTop(batch, NOW, 64)).as("a paused batch: no lease would take them").isEmpty();
        }
    }

    private static List<Queued> queue(Database db, int count) {
        return queue(db, count, "op", "35693807000000");
    }

    private static List<Queued> queue(Database db, int count, String userName, String idPrefix) {
        return QueuedBatch.of(db, count, userName, idPrefix, NOW);
    }

}
