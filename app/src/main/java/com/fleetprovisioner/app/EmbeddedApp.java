package com.fleetprovisioner.app;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.Components;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.web.WebApp;
import com.fleetprovisioner.worker.WorkerApp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Everything in one JVM: the simulator (unless a real Fleet Freedom endpoint is configured), one
 * database and JobRunr's storage over it, and the worker and the web built by the same factories as the
 * separate processes ({@link WorkerApp}, {@link WebApp}), so the default run is the production wiring.
 */
public final class EmbeddedApp implements AutoCloseable {
    private final Optional<Simulator> simulator;
    private final Database database;
    private final JobStorage jobs;
    private final WorkerApp worker;
    private final WebApp web;

    private EmbeddedApp(Optional<Simulator> simulator, Database database, JobStorage jobs, WorkerApp worker,
            WebApp web) {
        this.simulator = simulator;
        this.database = database;
        this.jobs = jobs;
        this.worker = worker;
        this.web = web;
    }

    public static EmbeddedApp start(AppConfig config, SecretBox secrets, Clock clock) {
        Optional<Simulator> simulator = config.usesSimulator()
                ? Optional.of(Simulator.start(SimulatorConfig.builder().port(config.simulatorPort()).build()))
                : Optional.empty();
        // the built-in simulator is the target in force until an admin saves another
        SettingsDefaults defaults = simulator.map(sim -> SettingsDefaults.from(config).withBuiltInSimulator(
                sim.webSocketUri(), SimulatorConfig.DEMO_USER.username(), SimulatorConfig.DEMO_USER.password()))
                .orElseGet(() -> SettingsDefaults.from(config));
        Database database = Database.connect(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
        database.migrate();
        JobStorage jobs = JobStorage.open(database);
        WorkerApp worker = WorkerApp.start(config, database, jobs, secrets, clock, defaults,
                "app-" + ProcessHandle.current().pid());
        // the worker next door takes jobs the pages create at once, and its connection is the one reported
        WebApp web = WebApp.start(config, database, jobs, secrets, clock, defaults,
                new WebApp.Neighbours(worker::lookForJobsNow, Optional.of(worker::connectionStatus)));
        return new EmbeddedApp(simulator, database, jobs, worker, web);
    }

    public int port() {
        return web.port();
    }

    public Optional<Simulator> simulator() {
        return simulator;
    }

    /** The store everything shares; tests read it to see what the pipeline did. */
    public Database database() {
        return database;
    }

    public JobStorage jobs() {
        return jobs;
    }

    public Optional<String> generatedAdminPassword() {
        return web.generatedAdminPassword();
    }

    /** What the web and worker factories built here, each role prefixed with "web." or "worker.". */
    public Map<String, String> components() {
        return Components.of(web.components(), worker.components());
    }

    @Override
    public void close() {
        web.close();
        worker.close();
        jobs.close();
        database.close();
        simulator.ifPresent(Simulator::close);
    }
}
