package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.provisioning.DeviceIntake.Queued;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.DeviceUpdate;
import com.fleetprovisioner.core.provisioning.LeasedDevice;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.queue.JobRunrProvisioningQueue;
import com.fleetprovisioner.db.queue.JobStorage;
import com.fleetprovisioner.db.queue.ProvisionDevices;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.MutableClock;
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
import java.util.stream.Stream;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.navigation.AmountRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceRepositoryIT {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void exactlyOneOfManyRacingWorkersTakesTheLease(DatabaseKind kind) throws Exception {
        try (Database db = TestDatabases.migrated(kind)) {
            long device = queue(db, 1).get(0).deviceId();
            JooqDeviceRepository repo = new JooqDeviceRepository(db.dsl());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Optional<LeasedDevice>>> attempts = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String owner = "w" + w;
                Callable<Optional<LeasedDevice>> lease = () -> db.transactions().inTransaction(
                        () -> repo.lease(device, owner, NOW, NOW.plusSeconds(60)));
                attempts.add(pool.submit(lease));
            }
            long winners = 0;
            for (Future<Optional<LeasedDevice>> f : attempts) {
                winners += f.get().isPresent() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(winners).isEqualTo(1);
            assertThat(repo.findById(device).orElseThrow().attempts()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aLeaseGuardsSendingAndFinishingAndExpiresForTheNextWorker(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long device = queue(db, 1).get(0).deviceId();
            JooqDeviceRepository repo = new JooqDeviceRepository(db.dsl());
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
    void cancellingSparesDevicesThatMayAlreadyBeAddedAndRequeueStartsANewGeneration(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            List<Queued> devices = queue(db, 3);
            JooqDeviceRepository repo = new JooqDeviceRepository(db.dsl());
            long unknown = devices.get(0).deviceId();
            repo.lease(unknown, "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            repo.markSending(unknown, "a", NOW, NOW.plusSeconds(30));
            repo.finish(unknown, "a", DeviceUpdate.retry(NOW.plusSeconds(5), true, null, "timeout"), NOW);
            long failed = devices.get(1).deviceId();
            repo.lease(failed, "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            repo.finish(failed, "a", DeviceUpdate.terminal(DeviceState.FAILED, 28, "no company"), NOW);

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
    void enqueueingIsIdempotentChunkedAndWakingMakesANewJob(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind); JobStorage jobs = JobStorage.open(db)) {
            long device = queue(db, 1).get(0).deviceId();
            MutableClock clock = new MutableClock(NOW);
            JobRunrProvisioningQueue queue = new JobRunrProvisioningQueue(jobs, db.dsl(), clock);
            queue.enqueue(List.of(device, device));
            queue.enqueue(List.of(device));
            assertThat(jobs.provider().countJobs(StateName.ENQUEUED)).isEqualTo(1);
            var job = jobs.provider().getJobById(JobRunrProvisioningQueue.jobId(device, 0, 0));
            assertThat(job.getJobDetails().getJobParameters().get(0).getObject())
                    .isEqualTo(new ProvisionDevices(List.of(device)));

            job.delete("ended while its device still waits");
            jobs.provider().save(job);
            queue.enqueue(List.of(device));
            assertThat(jobs.provider().countJobs(StateName.ENQUEUED)).as("an ended job is not revived").isZero();
            queue.wake(List.of(device));
            queue.wake(List.of(device));
            assertThat(jobs.provider().countJobs(StateName.ENQUEUED)).as("woken once per second").isEqualTo(1);
            clock.advance(java.time.Duration.ofSeconds(1));
            queue.wake(List.of(device));
            assertThat(jobs.provider().countJobs(StateName.ENQUEUED)).isEqualTo(2);

            List<Long> many = queue(db, 3000, "op2", "3569380800").stream().map(Queued::deviceId).toList();
            queue.enqueue(many);
            int chunk = Math.min(JobRunrProvisioningQueue.MAX_CHUNK, 3000 / JobRunrProvisioningQueue.SPREAD);
            assertThat(jobs.provider().countJobs(StateName.ENQUEUED) - 2)
                    .as("3,000 devices in jobs of %d", chunk).isEqualTo((3000 + chunk - 1) / chunk)
                    .isGreaterThanOrEqualTo(JobRunrProvisioningQueue.SPREAD);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void batchProgressRateCountsTheDevicesFinishedInTheLastMinuteOverTheTimeTheyTook(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            List<Queued> devices = queue(db, 3);
            JooqDeviceRepository repo = new JooqDeviceRepository(db.dsl());
            long failed = devices.get(0).deviceId();
            repo.lease(failed, "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            repo.finish(failed, "a", DeviceUpdate.terminal(DeviceState.FAILED, 28, "no company"), NOW);
            long retrying = devices.get(1).deviceId();
            repo.lease(retrying, "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            repo.finish(retrying, "a", DeviceUpdate.retry(NOW.plusSeconds(5), false, null, "timeout"), NOW);
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
    void theSweeperLeavesTheQueuedDevicesOfABatchWithALiveRangeJobToThatJob(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind); JobStorage jobs = JobStorage.open(db)) {
            List<Long> ranged = queue(db, 3).stream().map(Queued::deviceId).toList();
            List<Long> loose = queue(db, 2, "op2", "3569380800").stream().map(Queued::deviceId).toList();
            JooqDeviceRepository repo = new JooqDeviceRepository(db.dsl());
            long retrying = ranged.get(0);
            repo.lease(retrying, "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            repo.finish(retrying, "a", DeviceUpdate.retry(NOW.plusSeconds(5), false, null, "timeout"), NOW);
            long batch = repo.findById(retrying).orElseThrow().batchId();
            JobRunrProvisioningQueue queue = new JobRunrProvisioningQueue(jobs, db.dsl(), new MutableClock(NOW));
            Instant later = NOW.plusSeconds(60);
            assertThat(queue.batchesInRanges()).isEmpty();
            assertThat(repo.stranded(later, NOW.plusSeconds(30), queue.batchesInRanges(), 100))
                    .as("without range jobs every waiting device is stranded")
                    .containsExactlyInAnyOrderElementsOf(Stream.concat(ranged.stream(), loose.stream())
                            .toList());

            queue.enqueueBatch(batch, chunk -> { });
            assertThat(queue.batchesInRanges()).containsExactly(batch);
            assertThat(repo.stranded(later, NOW.plusSeconds(30), queue.batchesInRanges(), 100))
                    .as("the range job reaches the batch's queued devices, not its retrying one")
                    .containsExactlyInAnyOrder(retrying, loose.get(0), loose.get(1));

            for (var job : jobs.provider().getJobList(StateName.ENQUEUED,
                    new AmountRequest("updatedAt:ASC", 100))) {
                job.delete("the range job ended while its devices still wait");
                jobs.provider().save(job);
            }
            assertThat(queue.batchesInRanges()).as("an ended range job no longer shields its batch").isEmpty();
            assertThat(repo.stranded(later, NOW.plusSeconds(30), queue.batchesInRanges(), 100)).hasSize(5);
        }
    }

    private static List<Queued> queue(Database db, int count) {
        return queue(db, count, "op", "35693807000000");
    }

    private static List<Queued> queue(Database db, int count, String userName, String idPrefix) {
        long user = new JooqUserRepository(db.dsl()).create(userName, Role.OPERATOR, "x", NOW).id();
        long batch = db.dsl().insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, NOW).set(BATCH.UPDATED_AT, NOW)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
        List<NewDevice> devices = IntStream.range(0, count).mapToObj(n -> new NewDevice(idPrefix + n, "calamp",
                42, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), batch, Optional.empty(),
                user)).toList();
        return new JooqDeviceIntake(db.dsl()).insertQueued(devices, NOW);
    }

}
