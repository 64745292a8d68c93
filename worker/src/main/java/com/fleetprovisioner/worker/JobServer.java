package com.fleetprovisioner.worker;

import com.fleetprovisioner.queue.JobStorage;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JobRunr's background job server over our database: the only place jobs run. Job classes are
 * handed in already built (constructor-wired), never created by JobRunr through reflection.
 *
 * <p>JobRunr stops its server by itself after repeated storage errors (a database outage) and never
 * starts it again; {@link #ensureRunning()} notices and starts a fresh one, so a worker recovers when
 * the database comes back instead of idling silently.
 */
public final class JobServer implements AutoCloseable {
    /** How often a worker looks for due jobs: JobRunr's smallest on SQL (its default is 15 s). */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(JobServer.class);

    private final Supplier<BackgroundJobServer> factory;
    private volatile BackgroundJobServer server;
    private volatile boolean closed;

    private JobServer(Supplier<BackgroundJobServer> factory) {
        this.factory = factory;
        this.server = factory.get();
        this.server.start();
    }

    public static JobServer start(JobStorage storage, String name, int workers, Map<Class<?>, Object> jobInstances) {
        return start(storage, name, workers, POLL_INTERVAL, jobInstances);
    }

    public static JobServer start(JobStorage storage, String name, int workers, Duration pollInterval,
            Map<Class<?>, Object> jobInstances) {
        JobActivator activator = new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                Object instance = jobInstances.get(type);
                if (instance == null) {
                    throw new IllegalStateException("No job instance registered for " + type.getName());
                }
                return type.cast(instance);
            }
        };
        return new JobServer(() -> new BackgroundJobServer(storage.provider(), storage.jsonMapper(), activator,
                BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                        .andName(name)
                        .andWorkerCount(workers)
                        .andPollInterval(pollInterval)));
    }

    public boolean running() {
        return server.isRunning();
    }

    /**
     * Looks for enqueued jobs now instead of at the next poll (up to 5 s away): what JobRunr itself does
     * when one of its threads goes idle, through the same public calls (one thread counted busy, then idle
     * again). For a submit in the same JVM, whose first devices would otherwise wait for the poll.
     */
    public void lookForJobsNow() {
        BackgroundJobServer current = server;
        if (current.isRunning() && current.getJobSteward() != null) {
            current.getJobSteward().notifyThreadOccupied();
            current.getJobSteward().notifyThreadIdle();
        }
    }

    /** Starts a fresh server when JobRunr gave up on the old one; true when it was running. */
    public synchronized boolean ensureRunning() {
        if (closed || server.isRunning()) {
            return true;
        }
        log.error("The JobRunr server stopped (JobRunr gives up after repeated storage errors); starting a new one");
        try {
            server.stop();
        } catch (RuntimeException e) {
            log.debug("stopping the old server failed", e);
        }
        server = factory.get();
        server.start();
        return false;
    }

    /** The JobRunr server in use now; for tests that make it give up. */
    BackgroundJobServer current() {
        return server;
    }

    @Override
    public synchronized void close() {
        closed = true;
        server.stop();
    }
}
