package com.fleetprovisioner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jobrunr.scheduling.JobScheduler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobServerIT {
    /** A job that notes what it was given: enough to show a real JobRunr server runs our jobs. */
    public static final class RecordingJob {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final CountDownLatch done = new CountDownLatch(2);

        public void record(String value) {
            seen.add(value);
            done.countDown();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void jobsEnqueuedByAnotherProcessRunOnTheWorker(DatabaseKind kind) throws Exception {
        RecordingJob job = new RecordingJob();
        try (Database db = TestDatabases.migrated(kind);
             JobStorage storage = JobStorage.open(db);
             JobServer server = JobServer.start(storage, "test-worker", 2, Map.of(RecordingJob.class, job))) {
            // the web process enqueues through its own scheduler over the same storage
            JobScheduler scheduler = new JobScheduler(storage.provider());
            scheduler.<RecordingJob>enqueue(UUID.randomUUID(), j -> j.record("device-1"));
            scheduler.<RecordingJob>enqueue(UUID.randomUUID(), j -> j.record("device-2"));

            assertThat(server.running()).isTrue();
            assertThat(job.done.await(60, TimeUnit.SECONDS)).as("both jobs ran").isTrue();
            assertThat(job.seen).containsExactlyInAnyOrder("device-1", "device-2");
        }
    }

    @org.junit.jupiter.api.Test
    void aServerThatJobRunrGaveUpOnIsReplacedAndJobsRunAgain() throws Exception {
        RecordingJob job = new RecordingJob();
        try (Database db = TestDatabases.migrated(DatabaseKind.H2);
             JobStorage storage = JobStorage.open(db);
             JobServer server = JobServer.start(storage, "test-worker", 2, Map.of(RecordingJob.class, job))) {
            // what JobRunr does by itself after too many storage errors: it stops and never restarts
            server.current().stop();
            assertThat(server.running()).isFalse();
            assertThat(server.ensureRunning()).as("it was not running").isFalse();
            assertThat(server.running()).isTrue();

            JobScheduler scheduler = new JobScheduler(storage.provider());
            scheduler.<RecordingJob>enqueue(UUID.randomUUID(), j -> j.record("after-restart-1"));
            scheduler.<RecordingJob>enqueue(UUID.randomUUID(), j -> j.record("after-restart-2"));
            assertThat(job.done.await(60, TimeUnit.SECONDS)).as("jobs ran on the new server").isTrue();
            assertThat(server.ensureRunning()).isTrue();
        }
    }
}
