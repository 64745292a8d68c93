package com.fleetprovisioner.web;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.ConfigException;
import com.fleetprovisioner.core.config.Version;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.core.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.core.intake.CompanyDirectory;
import com.fleetprovisioner.core.intake.FleetFreedomCompanyDirectory;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.queue.JobRunrProvisioningQueue;
import com.fleetprovisioner.db.queue.JobStorage;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web process on its own: pages and REST API. It applies the database migrations and enqueues
 * jobs; it never runs them (that is the worker's job).
 */
public final class WebMain {
    private static final Logger log = LoggerFactory.getLogger(WebMain.class);

    private WebMain() {
    }

    public static void main(String[] args) {
        AppConfig config = AppConfig.fromEnvironmentOrExit();
        log.info("Fleet Provisioner web {} starting with {}", Version.current(), config.describe());
        SecretBox secrets = ConfigException.orExit(() -> SecretBox.forConfig(config));
        Database database = Database.connect(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
        database.migrate();
        JobStorage jobs = JobStorage.open(database);
        Optional<SessionSupervisor> fleetFreedom = config.ffUrl().map(url -> new SessionSupervisor(
                FleetFreedomConfig.of(url, config.ffUsername().orElseThrow(), config.ffPassword().orElseThrow())));
        fleetFreedom.ifPresent(SessionSupervisor::start);
        CompanyDirectory companies = fleetFreedom.<CompanyDirectory>map(api -> new FleetFreedomCompanyDirectory(api,
                Clock.systemUTC(), FleetFreedomCompanyDirectory.DEFAULT_TTL)).orElse(() -> {
                    throw new CompanyDirectory.Unavailable("This web process has no Fleet Freedom connection "
                            + "(FP_FF_URL is unset), so company numbers cannot be checked. Run the app launcher for the simulator.");
                });
        // enqueue only: the jobs run in the worker processes
        ProvisioningQueue queue = new JobRunrProvisioningQueue(jobs, database.dsl(), Clock.systemUTC());
        WebServices services = WebServices.create(config, database, secrets, Clock.systemUTC(), companies, queue);
        printInitialAdmin(services.users().ensureInitialAdmin(config.adminPassword()));
        String target = config.usesSimulator() ? "simulator" : "fleet-freedom";
        String endpoint = config.ffUrl().map(Object::toString).orElse("(set by the worker)");
        WebServer server = WebServer.start(config, services, database, jobs,
                () -> ConnectionReport.notHeld(target, endpoint), Version.current());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            fleetFreedom.ifPresent(SessionSupervisor::close);
            jobs.close();
            database.close();
        }, "shutdown"));
        log.info("Web pages and API at http://localhost:{}/", server.port());
    }

    /**
     * A generated first-admin password is printed once on the console, never logged, so that it does
     * not end up in log files.
     */
    public static void printInitialAdmin(Optional<String> generatedPassword) {
        generatedPassword.ifPresent(password -> System.out.println(String.join(System.lineSeparator(),
                "",
                "  First start: created the user 'admin' with the password:",
                "      " + password,
                "  It is shown only this once. Sign in and change it under Users, or set FP_ADMIN_PASSWORD.",
                "")));
    }
}
