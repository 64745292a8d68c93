package com.fleetprovisioner.worker;

import com.fleetprovisioner.db.queue.JobStorage;
import java.time.Duration;
import java.util.Map;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;

/**
 * JobRunr's background job server over our database: the only place jobs run. Job classes are
 * handed in already built (constructor-wired), never created by JobRunr through reflection.
 */
public final class JobServer implements AutoCloseable {
    /** How often a worker looks for due jobs: short, because devices wait in the queue for it. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

    private final BackgroundJobServer server;

    private JobServer(BackgroundJobServer server) {
        this.server = server;
    }

    public static JobServer start(JobStorage storage, String name, int workers, Map<Class<?>, Object> jobInstances) {
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
        BackgroundJobServerConfiguration configuration = BackgroundJobServerConfiguration
                .usingStandardBackgroundJobServerConfiguration()
                .andName(name)
                .andWorkerCount(workers)
                .andPollInterval(POLL_INTERVAL);
        BackgroundJobServer server = new BackgroundJobServer(storage.provider(), storage.jsonMapper(), activator, configuration);
        server.start();
        return new JobServer(server);
    }

    public boolean running() {
        return server.isRunning();
    }

    @Override
    public void close() {
        server.stop();
    }
}
