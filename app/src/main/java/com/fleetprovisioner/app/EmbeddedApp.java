package com.fleetprovisioner.app;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.Version;
import com.fleetprovisioner.fleetfreedom.ConnectionStatus;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.core.intake.FleetFreedomCompanyDirectory;
import com.fleetprovisioner.core.intake.FleetFreedomDirectory;
import com.fleetprovisioner.core.auth.PasswordHasher;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.core.settings.SettingsService;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.settings.JooqSettingsRepository;
import com.fleetprovisioner.db.queue.JobRunrProvisioningQueue;
import com.fleetprovisioner.db.queue.JobStorage;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.web.WebServer;
import com.fleetprovisioner.web.WebServices;
import com.fleetprovisioner.worker.ProvisioningWorker;
import java.time.Clock;
import java.util.Optional;

/**
 * Everything in one JVM: the simulator (unless a real Fleet Freedom endpoint is configured), the
 * Fleet Freedom connection, the database, the job server and the web server.
 */
public final class EmbeddedApp implements AutoCloseable {
    private final Optional<Simulator> simulator;
    private final Database database;
    private final JobStorage jobs;
    private final ProvisioningWorker worker;
    private final WebServer web;
    private final Optional<String> generatedAdminPassword;

    private EmbeddedApp(Optional<Simulator> simulator, Database database, JobStorage jobs, ProvisioningWorker worker,
            WebServer web, Optional<String> generatedAdminPassword) {
        this.simulator = simulator;
        this.database = database;
        this.jobs = jobs;
        this.worker = worker;
        this.web = web;
        this.generatedAdminPassword = generatedAdminPassword;
    }

    public static EmbeddedApp start(AppConfig config, SecretBox secrets, Clock clock) {
        Optional<Simulator> simulator = config.usesSimulator()
                ? Optional.of(Simulator.start(SimulatorConfig.builder().port(config.simulatorPort()).build()))
                : Optional.empty();
        FleetFreedomConfig ffConfig = config.pipeline().applyTimeouts(simulator
                .map(sim -> FleetFreedomConfig.of(sim.webSocketUri(), SimulatorConfig.DEMO_USER.username(),
                        SimulatorConfig.DEMO_USER.password()))
                .orElseGet(() -> FleetFreedomConfig.of(config.ffUrl().orElseThrow(), config.ffUsername().orElseThrow(),
                        config.ffPassword().orElseThrow())));
        Database database = Database.connect(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
        database.migrate();
        JobStorage jobs = JobStorage.open(database);
        SettingsDefaults defaults = simulator.map(sim -> SettingsDefaults.from(config).withBuiltInSimulator(
                sim.webSocketUri(), SimulatorConfig.DEMO_USER.username(), SimulatorConfig.DEMO_USER.password()))
                .orElseGet(() -> SettingsDefaults.from(config));
        // one settings service for the pages and the worker: both follow what an admin saves
        SettingsService settings = JooqSettingsRepository.service(database, defaults, secrets, clock);
        ProvisioningWorker worker = ProvisioningWorker.start("app-" + ProcessHandle.current().pid(), config.workers(),
                config.pipeline(), database, jobs, secrets, ffConfig, clock, settings, config.notifications());
        worker.discardStaleDrafts(database, config.operations().draftRetention(), clock);
        // one Fleet Freedom session in this JVM: the pipeline's also answers intake's company checks
        WebServices services = WebServices.create(config, database, secrets, clock,
                new FleetFreedomCompanyDirectory(worker.fleetFreedom(), clock, FleetFreedomCompanyDirectory.DEFAULT_TTL),
                new JobRunrProvisioningQueue(jobs, database.dsl(), clock, worker::lookForJobsNow), settings,
                new PasswordHasher(), new FleetFreedomDirectory(worker.fleetFreedom(), clock,
                        config.operations().directoryCache(), () -> true));
        Optional<String> generated = services.users().ensureInitialAdmin(config.adminPassword());
        WebServer web = WebServer.start(config, services, database, jobs,
                () -> report(worker.connectionStatus(), services.liveSettings().get().simulator() ? "simulator"
                        : "fleet-freedom"), Version.current());
        return new EmbeddedApp(simulator, database, jobs, worker, web, generated);
    }

    static ConnectionReport report(ConnectionStatus status, String target) {
        return new ConnectionReport(status.state().name(), target, status.endpoint().toString(), status.detail());
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
        return generatedAdminPassword;
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
