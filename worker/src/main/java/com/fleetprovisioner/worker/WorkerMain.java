package com.fleetprovisioner.worker;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.ConfigException;
import com.fleetprovisioner.core.config.Version;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.queue.JobStorage;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker process on its own: runs queued jobs, serves no pages. It does not migrate the schema
 * (the web process does); it waits until the schema is the one it was built for. It needs a Fleet
 * Freedom endpoint (FP_FF_URL; a standalone simulator will do): the built-in simulator lives only in the
 * one-JVM app. On SIGTERM it stops gracefully (FP_SHUTDOWN_GRACE_SECONDS); it can serve a health port
 * (FP_WORKER_HEALTH_PORT) and JobRunr's dashboard (FP_JOBRUNR_DASHBOARD_PORT), both off by default.
 * Endpoint, account, pacing and retry policy follow the Settings page while it runs.
 */
public final class WorkerMain {
    private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);
    private static final Duration SCHEMA_WAIT = Duration.ofMinutes(2);

    private WorkerMain() {
    }

    public static void main(String[] args) {
        AppConfig config = AppConfig.fromEnvironmentOrExit();
        log.info("Fleet Provisioner worker {} starting with {}", Version.current(), config.describe());
        SecretBox secrets = ConfigException.orExit(() -> SecretBox.forConfig(config));
        Database database = Database.connect(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
        database.awaitSchema(SCHEMA_WAIT);
        JobStorage jobs = JobStorage.open(database);
        WorkerApp worker = ConfigException.orExit(() -> WorkerApp.start(config, database, jobs, secrets,
                Clock.systemUTC(), SettingsDefaults.from(config), "worker-" + hostName()));
        // SIGTERM (docker stop, Kubernetes): finish sends on the wire, hand unsent devices back, then stop
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping: finishing sends in flight (at most {} s)", config.operations().shutdownGrace().toSeconds());
            worker.close(config.operations().shutdownGrace());
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
