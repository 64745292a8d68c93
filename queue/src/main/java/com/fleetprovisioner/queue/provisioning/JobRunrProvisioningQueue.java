package com.fleetprovisioner.queue.provisioning;

import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import com.fleetprovisioner.core.provisioning.QueueReads;
import com.fleetprovisioner.core.provisioning.QueueReads.Waiting;
import com.fleetprovisioner.queue.JobStorage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jobrunr.jobs.JobParameter;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.StorageException;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.navigation.AmountRequest;

/**
 * Enqueues {@link ProvisionDevices} jobs through JobRunr's {@link JobRequestScheduler}, from any process
 * (the web included: it only writes JobRunr's tables, it runs nothing). Devices due now go in chunks of
 * up to {@link #MAX_CHUNK}, spread over at least {@link #SPREAD} jobs when there are enough of them, so
 * that every worker thread has work while JobRunr's own writes are shared by several devices; a device
 * waiting for a later attempt gets a job of its own, scheduled for then.
 *
 * <p>Job ids are derived from what the job is for: each device's (id, requeue generation, attempt count)
 * and, for {@link #wake}, the second it was asked. Enqueueing the same work twice is therefore a no-op
 * (JobRunr skips an id it already holds), a retry or requeue gets a job of its own, and a device whose
 * job ended while it still waited (a paused batch resumed, a stop lifted, a worker shutting down) is
 * woken with a new job rather than by changing an old one.
 */
public final class JobRunrProvisioningQueue implements ProvisioningQueue, ProvisionBatchRangeHandler.Sharing {
    /** Devices per job at most; see the README ("One queue") for the measurement behind it. */
    public static final int MAX_CHUNK = 8;
    /** Jobs a large enqueue is spread over at least, so that up to this many worker threads are busy. */
    public static final int SPREAD = 64;
    /**
     * A submitted batch is handed out in one range of ids per job thread of the job servers running now, in
     * every process, so that each thread works one range and the ranges end together; this many when no
     * server has announced itself (one worker process on its default {@code FP_WORKERS}).
     */
    public static final int DEFAULT_RANGES = 64;
    /** ...and never more than this many ranges, whatever the servers announce. */
    public static final int MAX_RANGES = 1024;
    /** A running range's rest is shared only from this many queued devices on: a page (32) for each half. */
    public static final int MIN_SHARED = 64;
    /** A job server that has not signalled for this many of its poll intervals is gone (JobRunr's default). */
    private static final int SERVER_TIMEOUT_POLLS = 4;
    private static final int READ_CHUNK = 1000;

    private final JobRequestScheduler scheduler;
    private final StorageProvider storage;
    private final QueueReads reads;
    private final Clock clock;
    private final Runnable created;

    public JobRunrProvisioningQueue(JobStorage jobs, QueueReads reads, Clock clock) {
        this(jobs, reads, clock, () -> { });
    }

    /**
     * @param created told after jobs due now were created: a worker in the same JVM looks for them at
     *                once instead of at its next poll
     */
    public JobRunrProvisioningQueue(JobStorage jobs, QueueReads reads, Clock clock, Runnable created) {
        this.scheduler = new JobRequestScheduler(jobs.provider());
        this.storage = jobs.provider();
        this.reads = reads;
        this.clock = clock;
        this.created = created;
    }

    @Override
    public void enqueue(Collection<Long> deviceIds) {
        submit(deviceIds, "");
    }

    @Override
    public void wake(Collection<Long> deviceIds) {
        submit(deviceIds, "/wake/" + clock.instant().getEpochSecond());
    }

    /**
     * The batch in at most {@link #ranges()} ranges of its queued devices' ids, equal in count, one job each:
     * three statements and a job per thread whatever the batch's size. Each job reads its devices from the
     * device table while it runs ({@link ProvisionBatchRange}); the ids of {@code queued} are not needed.
     */
    @Override
    public void enqueueBatch(long batchId, QueuedIds queued) {
        List<Long> starts = reads.rangeStarts(batchId, ranges());
        List<JobBuilder> jobs = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            jobs.add(rangeJob(batchId, starts.get(i), i + 1 < starts.size() ? starts.get(i + 1) - 1 : Long.MAX_VALUE));
        }
        create(jobs);
    }

    /**
     * The rest of a running range, the batch's devices {@code [fromId, toId]}, in two range jobs of equal
     * count when job threads of the running servers stand idle: those of a worker that started after the
     * submit (it got no range of the batch), or threads whose jobs ended (a range job whose range is done
     * first takes over the others' far ends, and ends only when no queued device of its batch is left). The
     * caller ends its job when this returns true; its thread, idle then, takes one of the halves at once (JobRunr
     * looks for work whenever a thread goes idle), and another thread the other. Job ids come from the
     * bounds, so sharing the same rest twice (a job run again after a crash) creates nothing new. False,
     * and nothing created, when no thread is idle or fewer than {@link #MIN_SHARED} devices are left.
     */
    @Override
    public boolean shareIfIdle(long batchId, long fromId, long toId) {
        if (idleThreads() <= 0) {
            return false;
        }
        Optional<Long> half = reads.halfway(batchId, fromId, toId, MIN_SHARED);
        half.ifPresent(h -> create(List.of(rangeJob(batchId, fromId, h - 1), rangeJob(batchId, h, toId))));
        return half.isPresent();
    }

    /**
     * Job threads of the running servers that no job holds or waits for: threads minus the jobs processing
     * and enqueued (of every kind, so a thread busy with a notification counts as busy).
     */
    int idleThreads() {
        return liveThreads() - (int) storage.countJobs(StateName.PROCESSING) - (int) storage.countJobs(StateName.ENQUEUED);
    }

    private static JobBuilder rangeJob(long batchId, long from, long to) {
        return JobBuilder.aJob().withId(jobId("batch/" + batchId + "/range/" + from + "-" + to, ""))
                .withName("Provision batch " + batchId + ", devices " + from + (to == Long.MAX_VALUE ? " on" : " to " + to))
                .withJobRequest(new ProvisionBatchRange(batchId, from, to));
    }

    /**
     * How many ranges a batch is cut into: the job threads of the servers running now. Fewer ranges than
     * threads leave threads idle; more make a second round of ranges that starts only when the first ends,
     * and the batch's last seconds run on a fraction of the threads (measured in the README, "Pipeline
     * throughput: a range per job thread"). A server counts while it runs and has signalled within
     * {@link #SERVER_TIMEOUT_POLLS} of its poll intervals (JobRunr's own time-out): one that died has threads
     * no range would reach.
     */
    int ranges() {
        int threads = liveThreads();
        return threads == 0 ? DEFAULT_RANGES : Math.min(threads, MAX_RANGES);
    }

    /** The job threads of the servers running now, in every process; 0 when none has announced itself. */
    private int liveThreads() {
        Instant now = clock.instant();
        return storage.getBackgroundJobServers().stream()
                .filter(s -> s.isRunning() && s.getLastHeartbeat().isAfter(
                        now.minusSeconds((long) SERVER_TIMEOUT_POLLS * s.getPollIntervalInSeconds())))
                .mapToInt(BackgroundJobServerStatus::getWorkerPoolSize).sum();
    }

    /**
     * Batches with a range job waiting or running: their queued devices have a job that will reach them,
     * however long they wait their turn, so the sweeper leaves them alone. Read from JobRunr's storage (at
     * most a thousand jobs per state; a range job beyond that only costs a needless wake-up).
     */
    public Set<Long> batchesInRanges() {
        Set<Long> batches = new HashSet<>();
        for (StateName state : List.of(StateName.ENQUEUED, StateName.PROCESSING)) {
            storage.getJobList(state, new AmountRequest("updatedAt:ASC", 1000)).stream()
                    .flatMap(job -> job.getJobDetails().getJobParameters().stream())
                    .map(JobParameter::getObject)
                    .filter(ProvisionBatchRange.class::isInstance)
                    .forEach(r -> batches.add(((ProvisionBatchRange) r).batchId()));
        }
        return batches;
    }

    private void submit(Collection<Long> deviceIds, String occasion) {
        Instant now = clock.instant();
        List<Waiting> dueNow = new ArrayList<>();
        List<JobBuilder> jobs = new ArrayList<>();
        for (List<Long> ids : chunks(List.copyOf(new TreeSet<>(deviceIds)), READ_CHUNK)) {
            for (Waiting w : reads.waiting(ids)) {
                if (w.due() != null && w.due().isAfter(now)) {
                    jobs.add(job(List.of(w), occasion).scheduleAt(w.due()));
                } else {
                    dueNow.add(w);
                }
            }
        }
        int size = Math.max(1, Math.min(MAX_CHUNK, dueNow.size() / SPREAD));
        chunks(dueNow, size).forEach(chunk -> jobs.add(job(chunk, occasion)));
        create(jobs);
    }

    private static JobBuilder job(List<Waiting> devices, String occasion) {
        List<Long> ids = devices.stream().map(Waiting::id).toList();
        String name = ids.size() == 1 ? "Provision device " + ids.get(0) : "Provision " + ids.size() + " devices";
        return JobBuilder.aJob().withId(jobId(devices.stream().map(Waiting::key).collect(Collectors.joining(",")), occasion))
                .withName(name).withJobRequest(new ProvisionDevices(ids));
    }

    /** Many jobs in one write; when some exist already, one at a time (JobRunr skips those). */
    private void create(List<JobBuilder> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        try {
            scheduler.create(jobs.stream());
        } catch (StorageException someExist) {
            jobs.forEach(scheduler::create);
        }
        try {
            created.run();
        } catch (RuntimeException e) {
            // the next poll finds the jobs anyway
        }
    }

    /** The id of the job for one device, enqueued (not woken) in this state; for tests. */
    public static UUID jobId(long deviceId, int generation, int attempts) {
        return jobId(deviceId + ":" + generation + ":" + attempts, "");
    }

    private static UUID jobId(String devices, String occasion) {
        String name = devices.startsWith("batch/") ? devices : "devices/" + devices;
        return UUID.nameUUIDFromBytes(("fleet-provisioner/" + name + occasion).getBytes(StandardCharsets.UTF_8));
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            out.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return out;
    }
}
