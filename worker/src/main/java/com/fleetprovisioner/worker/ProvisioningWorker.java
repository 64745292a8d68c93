package com.fleetprovisioner.worker;

import com.fleetprovisioner.common.DaemonThreads;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.Components;
import com.fleetprovisioner.core.config.NotificationSettings;
import com.fleetprovisioner.db.Repositories;
import com.fleetprovisioner.fleetfreedom.ConnectionState;
import com.fleetprovisioner.fleetfreedom.ConnectionStatus;
import com.fleetprovisioner.fleetfreedom.FleetFreedomApi;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.intake.DraftCleanup;
import com.fleetprovisioner.core.notify.NotificationService;
import com.fleetprovisioner.core.notify.SmtpServer;
import com.fleetprovisioner.core.pacing.SendRate;
import com.fleetprovisioner.core.pacing.SharedPacer;
import com.fleetprovisioner.core.provisioning.PipelineSettings;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import com.fleetprovisioner.core.provisioning.ProvisioningService;
import com.fleetprovisioner.core.provisioning.RecentPipelineState;
import com.fleetprovisioner.core.settings.LiveSettings;
import com.fleetprovisioner.core.settings.Settings;
import com.fleetprovisioner.core.settings.SettingsService;
import com.fleetprovisioner.queue.notify.DeliveryJobHandler;
import com.fleetprovisioner.queue.notify.JobRunrNotificationJobs;
import com.fleetprovisioner.queue.provisioning.JobRunrProvisioningQueue;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.queue.provisioning.ProvisionBatchRangeHandler;
import com.fleetprovisioner.queue.provisioning.ProvisionDevicesHandler;
import com.fleetprovisioner.core.reconcile.Reconciler;
import com.fleetprovisioner.queue.reconcile.JobRunrReconcileJobs;
import com.fleetprovisioner.queue.reconcile.RunReconciliationHandler;
import com.fleetprovisioner.worker.notify.HttpWebhookPoster;
import com.fleetprovisioner.worker.notify.NotificationScan;
import com.fleetprovisioner.worker.notify.SmtpMailer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a process needs to work the provisioning queue: its Fleet Freedom connection (its sends
 * drawn from the send budget all workers share, {@code FP_SEND_RATE}; {@code FP_MAX_IN_FLIGHT} per
 * process), the JobRunr server running {@link ProvisioningJob},
 * the sweeper, the shared-state watch and the JobRunr health check. Used by {@code WorkerMain}, the
 * one-JVM app and the tests alike. Closing is graceful ({@link #close(Duration)}) and happens once.
 */
public final class ProvisioningWorker implements AutoCloseable {
    /** How long {@link #close()} lets sends already on the wire finish. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(ProvisioningWorker.class);
    /** How soon a saved setting reaches a running worker: one small row read per check. */
    public static final Duration SETTINGS_CHECK = Duration.ofSeconds(2);
    /**
     * How old the pipeline state an attempt checks may be: another worker's stop or hold reaches this
     * process's attempts within it (its own at once), half the interval of {@link PipelineWatch}.
     */
    static final Duration PIPELINE_READ_AGE = Duration.ofMillis(500);

    private final FleetFreedomConnection connection;
    private final SettingsFollower follower;
    private final JobServer jobServer;
    private final ScheduledExecutorService timers;
    private final ProvisioningService service;
    private final HandBack handBack;
    private final ProvisioningQueue queue;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Components components;

    private ProvisioningWorker(FleetFreedomConnection connection, SettingsFollower follower,
            JobServer jobServer, ScheduledExecutorService timers, ProvisioningService service, HandBack handBack,
            ProvisioningQueue queue, Components components) {
        this.components = components;
        this.connection = connection;
        this.follower = follower;
        this.jobServer = jobServer;
        this.timers = timers;
        this.service = service;
        this.handBack = handBack;
        this.queue = queue;
    }

    /**
     * The one way to start a worker ({@code WorkerApp}, the tests' harness and the benchmarks alike): it follows
     * the settings page, starting with the settings in force and applying changes an admin saves within
     * {@link #SETTINGS_CHECK} (send rate, in-flight cap, retry policy, endpoint and account), and sends
     * notifications with {@code notifications} (the SMTP server is the settings page's).
     *
     * @param fleetFreedom the connection used where the settings name none (the built-in simulator), and
     *                     the timeouts for every connection
     */
    public static ProvisioningWorker start(String name, int workers, PipelineSettings base, Repositories repositories,
            JobStorage jobs, SecretBox secrets, FleetFreedomConfig fleetFreedom, Clock clock,
            SettingsService followed, NotificationSettings notifications) {
        Settings initial = followed.current();
        PipelineSettings settings = initial.applyTo(base);
        FleetFreedomConfig connectTo = initial.fleetFreedom(fleetFreedom)
                .orElse(fleetFreedom.withPacing(settings.sendRate(), settings.maxInFlight()));
        // The rate in force follows the connection's configuration, which follows the settings page.
        AtomicReference<FleetFreedomConnection> self = new AtomicReference<>();
        Components built = new Components();
        SharedPacer budget = built.add("pacer", new SharedPacer(built.add("sendBudget", repositories.sendBudget()),
                () -> SendRate.of((int) (self.get() == null ? connectTo : self.get().config()).commandsPerSecond())));
        FleetFreedomConnection connection = built.add("fleetFreedom", new FleetFreedomConnection(connectTo, budget, clock));
        self.set(connection);
        SettingsFollower follower = built.add("settingsFollower",
                new SettingsFollower(followed, initial, base, fleetFreedom, connection));
        var devices = built.add("devices", repositories.devices());
        var pipeline = built.add("pipeline", repositories.pipelineState());
        var queue = built.add("queue", new JobRunrProvisioningQueue(jobs, repositories.queueReads(), clock));
        // each attempt checks the pipeline before its lease: read at most half a second ago (RecentPipelineState)
        var service = new ProvisioningService(devices, new RecentPipelineState(pipeline, PIPELINE_READ_AGE), connection,
                connection, secrets, follower, queue, clock, settings.lease(), name);
        HandBack handBack = new HandBack();
        // emails go to the settings page's SMTP server (a save applies at once)
        LiveSettings live = new LiveSettings(followed);
        NotificationService notify = built.add("notifications",
                notifications(repositories, jobs, secrets, notifications, () -> live.get().smtp(), clock));
        JobServer jobServer = JobServer.start(jobs, name, workers, settings.pollInterval(),
                handlers(new ProvisioningJob(service, devices, clock, handBack,
                        () -> connection.status().state() == ConnectionState.STOPPED, queue, settings.pollInterval()),
                        notify, built.add("reconciler", new Reconciler(repositories.reconcile(), connection,
                                repositories.audit(), clock))));
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, DaemonThreads.named("pipeline-timers"));
        long sweepMillis = settings.sweepInterval().toMillis();
        timers.scheduleWithFixedDelay(new QueueSweeper(devices, pipeline, queue, clock, settings.sweepInterval(),
                        queue::batchesInRanges),
                sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(new PipelineWatch(pipeline, connection, clock), 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(new CounterFolder(repositories.counters(), repositories.batchLifecycle(), clock),
                CounterFolder.INTERVAL_MILLIS, CounterFolder.INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(follower, SETTINGS_CHECK.toMillis(), SETTINGS_CHECK.toMillis(),
                TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(new ReconcileScheduleFollower(followed, new JobRunrReconcileJobs(jobs)), 0, 10,
                TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(jobServer::ensureRunning, 30, 30, TimeUnit.SECONDS);
        timers.scheduleAtFixedRate(service.tally(), 1, 1, TimeUnit.MINUTES);
        long scanMillis = notifications.scanInterval().toMillis();
        timers.scheduleWithFixedDelay(new NotificationScan(notify), scanMillis, scanMillis, TimeUnit.MILLISECONDS);
        built.add("provisioning", service);
        built.add("jobServer", jobServer);
        return new ProvisioningWorker(connection, follower, jobServer, timers, service, handBack, queue, built);
    }

    /** What each of the worker's job kinds runs. */
    private static Map<Class<?>, Object> handlers(ProvisioningJob job, NotificationService notify, Reconciler reconciler) {
        RunReconciliationHandler.Work reconcile = new RunReconciliationHandler.Work() {
            @Override
            public void run(long runId) throws InterruptedException {
                reconciler.run(runId);
            }

            @Override
            public void runScheduled() throws InterruptedException {
                reconciler.runScheduled();
            }
        };
        return Map.of(ProvisionDevicesHandler.class, new ProvisionDevicesHandler(job),
                ProvisionBatchRangeHandler.class, new ProvisionBatchRangeHandler(job),
                DeliveryJobHandler.class, new DeliveryJobHandler(notify),
                RunReconciliationHandler.class, new RunReconciliationHandler(reconcile),
                RunReconciliationHandler.Scheduled.class, new RunReconciliationHandler.Scheduled(reconcile));
    }

    /**
     * Discards drafts untouched for {@code retention} (zero: never), a minute after start and then hourly,
     * on this worker's timer: stops with it.
     */
    public void discardStaleDrafts(Repositories repositories, Duration retention, Clock clock) {
        if (retention.isZero()) {
            return;
        }
        DraftCleanup cleanup = new DraftCleanup(repositories.batches(), repositories.audit(),
                repositories.transactions(), retention, clock);
        timers.scheduleWithFixedDelay(new DraftSweeper(cleanup), 1, 60, TimeUnit.MINUTES);
    }

    private static NotificationService notifications(Repositories repositories, JobStorage jobs, SecretBox secrets,
            NotificationSettings settings, Supplier<Optional<SmtpServer>> smtp, Clock clock) {
        return new NotificationService(repositories.notifications(), repositories.transactions(),
                new JobRunrNotificationJobs(jobs), new SmtpMailer(smtp), new HttpWebhookPoster(), secrets, settings,
                clock);
    }

    /** Role to implementation class of what was built for this worker (see {@link Components}). */
    public Map<String, String> components() {
        return components.asMap();
    }

    /** This process's Fleet Freedom session, for other work in the same JVM (the app's company checks). */
    public FleetFreedomApi fleetFreedom() {
        return connection;
    }

    /** The settings version this worker applied last. */
    public long settingsVersion() {
        return follower.appliedVersion();
    }

    /** The connection in use now, password masked by its toString. */
    public FleetFreedomConfig connectionConfig() {
        return connection.config();
    }

    public ConnectionStatus connectionStatus() {
        return connection.status();
    }

    public boolean running() {
        return jobServer.running();
    }

    /** Jobs were just created in this JVM (a submit): this worker looks for them now, not at its next poll. */
    public void lookForJobsNow() {
        if (!closed.get()) {
            jobServer.lookForJobsNow();
        }
    }

    @Override
    public void close() {
        close(DEFAULT_GRACE);
    }

    /**
     * Graceful shutdown: takes no new device, lets sends already on the wire finish (at most
     * {@code grace}), hands devices leased but not sent back to the queue at once (not after the lease),
     * then stops. A send still unanswered after the grace keeps its write-ahead mark: whoever takes the
     * device next asks Fleet Freedom before sending again.
     */
    public void close(Duration grace) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        service.drain();
        handBack.begin();
        try {
            if (!handBack.awaitIdle(grace)) {
                log.warn("{} provisioning job(s) still waiting for Fleet Freedom after {} s; stopping anyway"
                        + " (those devices are reconciled by the next worker)", handBack.running(), grace.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        jobServer.close();
        List<Long> handedBack = handBack.take();
        if (!handedBack.isEmpty()) {
            try {
                queue.wake(handedBack);
                log.info("Handed {} unsent device(s) back to the queue", handedBack.size());
            } catch (RuntimeException e) {
                log.warn("Could not enqueue the handed-back devices; the sweeper of another worker will", e);
            }
        }
        connection.close();
    }
}
