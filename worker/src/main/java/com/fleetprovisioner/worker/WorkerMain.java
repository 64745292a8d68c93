package com.fleetprovisioner.worker;

import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.Version;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.queue.JobStorage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process on its own: runs queued jobs, serves no pages. It does not migrate the schema
 * (the web process does); it waits until the schema is the one it was built for.
 */
public final class WorkerMain {
    private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);
    private static final Duration SCHEMA_WAIT = Duration.ofMinutes(2);

    private WorkerMain() {
    }

    public static void main(String[] args) {
        AppConfig config = AppConfig.fromEnvironmentOrExit();
        log.info("Fleet Provisioner worker {} starting with {}", Version.current(), config.describe());
        Database database = Database.connect(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
        database.awaitSchema(SCHEMA_WAIT);
        JobStorage jobs = JobStorage.open(database);
        JobServer server = JobServer.start(jobs, "worker-" + hostName(), config.workers(), Map.of());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            jobs.close();
            database.close();
        }, "shutdown"));
        log.info("Worker running with {} job threads", config.workers());
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "pid-" + ProcessHandle.current().pid();
        }
    }
}
