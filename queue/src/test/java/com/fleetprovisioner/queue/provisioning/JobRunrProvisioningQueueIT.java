package com.fleetprovisioner.queue.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceIntake.Queued;
import com.fleetprovisioner.core.provisioning.DeviceUpdate;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.Repositories;
import com.fleetprovisioner.db.device.JooqDeviceRepository;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.QueuedBatch;
import com.fleetprovisioner.db.testing.MutableClock;
import com.fleetprovisioner.db.testing.TestDatabases;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.queue.testing.QueuedDevices;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.navigation.AmountRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The provisioning queue on JobRunr's real storage: idempotent ids, chunks, wake-ups and range jobs. */
class JobRunrProvisioningQueueIT {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");


    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void enqueueingIsIdempotentChunkedAndWakingMakesANewJob(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind); JobStorage jobs = JobStorage.open(db)) {
            long device = queue(db, 1).get(0).deviceId();
            MutableClock clock = new MutableClock(NOW);
            JobRunrProvisioningQueue queue = new JobRunrProvisioningQueue(jobs, new Repositories(db).queueReads(), clock);
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
    void theSweeperLeavesTheQueuedDevicesOfABatchWithALiveRangeJobToThatJob(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind); JobStorage jobs = JobStorage.open(db)) {
            List<Long> ranged = queue(db, 3).stream().map(Queued::deviceId).toList();
            List<Long> loose = queue(db, 2, "op2", "3569380800").stream().map(Queued::deviceId).toList();
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            long retrying = ranged.get(0);
            repo.lease(retrying, "a", NOW, NOW.plusSeconds(30)).orElseThrow();
            repo.finish(retrying, "a", DeviceUpdate.retry(NOW.plusSeconds(5), false, null, Text.of("device.error.answer", "timeout")), NOW);
            long batch = repo.findById(retrying).orElseThrow().batchId();
            JobRunrProvisioningQueue queue = new JobRunrProvisioningQueue(jobs, new Repositories(db).queueReads(), new MutableClock(NOW));
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

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aBatchIsCutIntoOneRangePerJobThreadOfTheServersRunningNow(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind); JobStorage jobs = JobStorage.open(db)) {
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            long firstBatch = repo.findById(queue(db, 640).get(0).deviceId()).orElseThrow().batchId();
            JobRunrProvisioningQueue queue = new JobRunrProvisioningQueue(jobs, new Repositories(db).queueReads(),
                    new MutableClock(NOW));

            queue.enqueueBatch(firstBatch, chunk -> { });
            assertThat(QueuedDevices.ranges(jobs, StateName.ENQUEUED)).as("no server has announced itself yet")
                    .hasSize(JobRunrProvisioningQueue.DEFAULT_RANGES);

            // two worker processes of 5 and 3 threads; one that stopped and one killed a minute ago, not yet
            // removed by JobRunr (their threads work nothing)
            announce(jobs, 5, true, NOW);
            announce(jobs, 3, true, NOW.minusSeconds(50));
            announce(jobs, 10, false, NOW);
            announce(jobs, 20, true, NOW.minusSeconds(61));
            List<Long> second = queue(db, 640, "op2", "3569380800").stream().map(Queued::deviceId).toList();
            long secondBatch = repo.findById(second.get(0)).orElseThrow().batchId();
            queue.enqueueBatch(secondBatch, chunk -> { });
            List<ProvisionBatchRange> ranges = QueuedDevices.ranges(jobs, StateName.ENQUEUED).stream()
                    .filter(r -> r.batchId() == secondBatch).toList();
            assertThat(ranges).as("one range per running thread").hasSize(8);
            assertThat(ranges.stream().mapToLong(ProvisionBatchRange::fromId).min().orElseThrow())
                    .isEqualTo(second.get(0));
            assertThat(ranges.stream().mapToLong(ProvisionBatchRange::toId).max().orElseThrow())
                    .isEqualTo(Long.MAX_VALUE);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theRestOfARunningRangeIsCutInTwoOnlyWhileJobThreadsStandIdle(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind); JobStorage jobs = JobStorage.open(db)) {
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            List<Long> ids = queue(db, 200).stream().map(Queued::deviceId).sorted().toList();
            long batch = repo.findById(ids.get(0)).orElseThrow().batchId();
            JobRunrProvisioningQueue queue = new JobRunrProvisioningQueue(jobs, new Repositories(db).queueReads(),
                    new MutableClock(NOW));
            announce(jobs, 2, true, NOW);
            queue.enqueueBatch(batch, chunk -> { });
            assertThat(QueuedDevices.ranges(jobs, StateName.ENQUEUED)).containsExactlyInAnyOrder(
                    new ProvisionBatchRange(batch, ids.get(0), ids.get(99)),
                    new ProvisionBatchRange(batch, ids.get(100), Long.MAX_VALUE));
            assertThat(queue.shareIfIdle(batch, ids.get(10), ids.get(99))).as("two threads, two ranges").isFalse();

            announce(jobs, 2, true, NOW); // a second worker process starts after the submit
            assertThat(queue.shareIfIdle(batch, ids.get(60), ids.get(99)))
                    .as("%d devices left, fewer than %d", 40, JobRunrProvisioningQueue.MIN_SHARED).isFalse();
            assertThat(queue.shareIfIdle(batch, ids.get(10), ids.get(99))).isTrue();
            assertThat(QueuedDevices.ranges(jobs, StateName.ENQUEUED)).as("the rest of the first range in halves")
                    .hasSize(4)
                    .contains(new ProvisionBatchRange(batch, ids.get(10), ids.get(54)),
                            new ProvisionBatchRange(batch, ids.get(55), ids.get(99)));
            assertThat(queue.shareIfIdle(batch, ids.get(100), ids.get(199)))
                    .as("four threads, four jobs waiting: none idle any more").isFalse();
            assertThat(jobs.provider().countJobs(StateName.ENQUEUED)).isEqualTo(4);
        }
    }

    /** A job server as JobRunr records it, polling every 15 s (so gone after 60 s without a signal). */
    private static void announce(JobStorage jobs, int threads, boolean running, Instant lastHeartbeat) {
        jobs.provider().announceBackgroundJobServer(new BackgroundJobServerStatus(UUID.randomUUID(),
                "worker-" + threads, threads, 15, Duration.ofHours(36), Duration.ofDays(72),
                lastHeartbeat.minusSeconds(600), lastHeartbeat, running, 1L << 30, 1L << 29, 0.1, 1L << 28, 1L << 27,
                1L << 26, 0.1));
    }

    private static List<Queued> queue(Database db, int count) {
        return queue(db, count, "op", "35693807000000");
    }

    private static List<Queued> queue(Database db, int count, String userName, String idPrefix) {
        return QueuedBatch.of(db, count, userName, idPrefix, NOW);
    }
}
