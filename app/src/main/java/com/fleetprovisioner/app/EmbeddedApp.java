package com.fleetprovisioner.app;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.Version;
import com.fleetprovisioner.core.fleetfreedom.ConnectionStatus;
import com.fleetprovisioner.core.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.core.intake.FleetFreedomCompanyDirectory;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.queue.JobStorage;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.web.WebServer;
import com.fleetprovisioner.web.WebServices;
import com.fleetprovisioner.worker.JobServer;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Everything in one JVM: the simulator (unless a real Fleet Freedom endpoint is configured), the
 * Fleet Freedom connection, the database, the job server and the web server.
 */
public final class EmbeddedApp implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EmbeddedApp.class);

    private final Optional<Simulator> simulator;
    private final SessionSupervisor fleetFreedom;
    private final Database database;
    private final JobStorage jobs;
    private final JobServer jobServer;
    private final WebServer web;
    private final Optional<String> generatedAdminPassword;

    private EmbeddedApp(Optional<Simulator> simulator, SessionSupervisor fleetFreedom, Database database,
            JobStorage jobs, JobServer jobServer, WebServer web, Optional<String> generatedAdminPassword) {
        this.simulator = simulator;
        this.fleetFreedom = fleetFreedom;
        this.database = database;
        this.jobs = jobs;
        this.jobServer = jobServer;
        this.web = web;
        this.generatedAdminPassword = generatedAdminPassword;
    }

    public static EmbeddedApp start(AppConfig config, SecretBox secrets, Clock clock) {
        Optional<Simulator> simulator = config.usesSimulator()
                ? Optional.of(Simulator.start(SimulatorConfig.builder().port(config.simulatorPort()).build()))
                : Optional.empty();
        FleetFreedomConfig ffConfig = simulator
                .map(sim -> FleetFreedomConfig.of(sim.webSocketUri(), SimulatorConfig.DEMO_USER.username(),
                        SimulatorConfig.DEMO_USER.password()))
                .orElseGet(() -> FleetFreedomConfig.of(config.ffUrl().orElseThrow(), config.ffUsername().orElseThrow(),
                        config.ffPassword().orElseThrow()));
        SessionSupervisor fleetFreedom = new SessionSupervisor(ffConfig);
        fleetFreedom.start();

        Database database = Database.connect(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
        database.migrate();
        JobStorage jobs = JobStorage.open(database);
        // Placeholder until the pipeline's JobRunr queue replaces it: the device rows in state queued are
        // the source of truth, and the pipeline's sweeper picks them up.
        ProvisioningQueue queue = ids -> log.info("{} device(s) queued; the pipeline sweeper will pick them up", ids.size());
        WebServices services = WebServices.create(config, database, secrets, clock,
                new FleetFreedomCompanyDirectory(fleetFreedom, clock, FleetFreedomCompanyDirectory.DEFAULT_TTL), queue);
        Optional<String> generated = services.users().ensureInitialAdmin(config.adminPassword());
        JobServer jobServer = JobServer.start(jobs, "app-" + ProcessHandle.current().pid(), config.workers(), Map.of());
        String target = simulator.isPresent() ? "simulator" : "fleet-freedom";
        WebServer web = WebServer.start(config, services, database, jobs,
                () -> report(fleetFreedom.status(), target), Version.current());
        return new EmbeddedApp(simulator, fleetFreedom, database, jobs, jobServer, web, generated);
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

    public Optional<String> generatedAdminPassword() {
        return generatedAdminPassword;
    }

    @Override
    public void close() {
        web.close();
        jobServer.close();
        jobs.close();
        database.close();
        fleetFreedom.close();
        simulator.ifPresent(Simulator::close);
    }
}
