package com.fleetprovisioner.worker;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.fleetfreedom.ConnectionStatus;
import com.fleetprovisioner.core.fleetfreedom.FleetFreedomApi;
import com.fleetprovisioner.core.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.provisioning.PipelineSettings;
import com.fleetprovisioner.core.provisioning.ProvisioningService;
import com.fleetprovisioner.core.provisioning.RetryPolicy;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.device.JooqDeviceRepository;
import com.fleetprovisioner.db.pipeline.JooqPipelineState;
import com.fleetprovisioner.db.queue.JobRunrProvisioningQueue;
import com.fleetprovisioner.db.queue.JobStorage;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Everything a process needs to work the provisioning queue: its Fleet Freedom connection (paced by
 * {@code FP_SEND_RATE} / {@code FP_MAX_IN_FLIGHT}), the JobRunr server running {@link ProvisioningJob},
 * the sweeper, the shared-state watch and the JobRunr health check. Used by {@code WorkerMain}, the
 * one-JVM app and the tests alike.
 */
public final class ProvisioningWorker implements AutoCloseable {
    private final FleetFreedomConnection connection;
    private final JobServer jobServer;
    private final ScheduledExecutorService timers;

    private ProvisioningWorker(FleetFreedomConnection connection, JobServer jobServer, ScheduledExecutorService timers) {
        this.connection = connection;
        this.jobServer = jobServer;
        this.timers = timers;
    }

    public static ProvisioningWorker start(String name, int workers, PipelineSettings settings, Database database,
            JobStorage jobs, SecretBox secrets, FleetFreedomConfig fleetFreedom, Clock clock) {
        FleetFreedomConnection connection = new FleetFreedomConnection(
                fleetFreedom.withPacing(settings.sendRate(), settings.maxInFlight()), clock);
        var devices = new JooqDeviceRepository(database.dsl());
        var pipeline = new JooqPipelineState(database.dsl());
        var queue = new JobRunrProvisioningQueue(jobs, database.dsl(), clock);
        var service = new ProvisioningService(devices, pipeline, database.transactions(), connection, connection,
                secrets, RetryPolicy.of(settings), queue, clock, settings.lease(), name);
        JobServer jobServer = JobServer.start(jobs, name, workers, settings.pollInterval(),
                Map.of(ProvisioningJob.class, new ProvisioningJob(service, clock)));
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "pipeline-timers");
            t.setDaemon(true);
            return t;
        });
        long sweepMillis = settings.sweepInterval().toMillis();
        timers.scheduleWithFixedDelay(new QueueSweeper(devices, pipeline, queue, clock, settings.sweepInterval()),
                sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        timers.scheduleWithFixedDelay(new PipelineWatch(pipeline, connection, clock), 1, 1, TimeUnit.SECONDS);
        timers.scheduleWithFixedDelay(jobServer::ensureRunning, 30, 30, TimeUnit.SECONDS);
        return new ProvisioningWorker(connection, jobServer, timers);
    }

    /** This process's Fleet Freedom session, for other work in the same JVM (the app's company checks). */
    public FleetFreedomApi fleetFreedom() {
        return connection;
    }

    public ConnectionStatus connectionStatus() {
        return connection.status();
    }

    public boolean running() {
        return jobServer.running();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        jobServer.close();
        connection.close();
    }
}
