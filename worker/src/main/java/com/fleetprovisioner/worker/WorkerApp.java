package com.fleetprovisioner.worker;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.ConfigException;
import com.fleetprovisioner.fleetfreedom.ConnectionStatus;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.settings.Settings;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.core.settings.SettingsService;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.Repositories;
import com.fleetprovisioner.queue.JobStorage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The worker process's whole object graph, built in one place from {@link AppConfig}: the provisioning
 * worker following the Settings page, the draft sweeper and the health / dashboard ports. Used by
 * {@code WorkerMain} and by the one-JVM app alike. The caller owns the database and JobRunr's storage
 * and closes them after this.
 */
public final class WorkerApp implements AutoCloseable {
    private final ProvisioningWorker worker;
    private final WorkerEndpoints endpoints;
    private final Map<String, String> components;

    private WorkerApp(ProvisioningWorker worker, WorkerEndpoints endpoints, Map<String, String> components) {
        this.worker = worker;
        this.endpoints = endpoints;
        this.components = components;
    }

    /**
     * @param defaults the settings in force until an admin saves others; they, or the saved ones, must
     *                 name a Fleet Freedom endpoint and account (the one-JVM app's name its built-in simulator)
     * @param name     this worker's name in leases and JobRunr's server list
     * @throws ConfigException when no endpoint and account are set
     */
    public static WorkerApp start(AppConfig config, Database database, JobStorage jobs, SecretBox secrets, Clock clock,
            SettingsDefaults defaults, String name) {
        Repositories repositories = new Repositories(database);
        SettingsService settings = new SettingsService(repositories.settings(), repositories.sendsInProgress(),
                defaults, secrets, repositories.audit(), repositories.transactions(), clock);
        FleetFreedomConfig fleetFreedom = config.pipeline().applyTimeouts(fleetFreedom(settings.current()));
        ProvisioningWorker worker = ProvisioningWorker.start(name, config.workers(), config.pipeline(), repositories,
                jobs, secrets, fleetFreedom, clock, settings, config.notifications());
        worker.discardStaleDrafts(repositories, config.operations().draftRetention(), clock);
        WorkerEndpoints endpoints = WorkerEndpoints.start(config.operations(), database, jobs, worker::running);
        Map<String, String> components = new TreeMap<>(worker.components());
        components.put("repositories", repositories.getClass().getName());
        components.put("settings", settings.getClass().getName());
        return new WorkerApp(worker, endpoints, components);
    }

    /** The endpoint and account in force: an admin's saved ones, else FP_FF_URL / _USERNAME / _PASSWORD. */
    static FleetFreedomConfig fleetFreedom(Settings settings) {
        if (settings.endpoint().isEmpty() || settings.username().isEmpty() || settings.password().isEmpty()) {
            throw new ConfigException("A standalone worker needs a Fleet Freedom endpoint: FP_FF_URL, FP_FF_USERNAME "
                    + "and FP_FF_PASSWORD, or one saved on the Settings page (the built-in simulator runs only "
                    + "inside the one-JVM app)");
        }
        return FleetFreedomConfig.of(settings.endpoint().get(), settings.username().get(), settings.password().get());
    }

    public ProvisioningWorker worker() {
        return worker;
    }

    public ConnectionStatus connectionStatus() {
        return worker.connectionStatus();
    }

    /** Jobs were just created in this JVM: the worker looks for them now, not at its next poll. */
    public void lookForJobsNow() {
        worker.lookForJobsNow();
    }

    /** Role to implementation class of what this factory built (see {@code Components}). */
    public Map<String, String> components() {
        return components;
    }

    @Override
    public void close() {
        close(ProvisioningWorker.DEFAULT_GRACE);
    }

    /** Finishes sends on the wire (at most {@code grace}), hands unsent devices back, then stops. */
    public void close(Duration grace) {
        endpoints.close();
        worker.close(grace);
    }
}
