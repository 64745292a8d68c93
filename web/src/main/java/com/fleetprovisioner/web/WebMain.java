package com.fleetprovisioner.web;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.ConfigException;
import com.fleetprovisioner.core.config.Version;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.core.intake.CompanyDirectory;
import com.fleetprovisioner.core.intake.FleetFreedomCompanyDirectory;
import com.fleetprovisioner.core.intake.FleetFreedomDirectory;
import com.fleetprovisioner.core.auth.PasswordHasher;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import com.fleetprovisioner.core.settings.FollowingSession;
import com.fleetprovisioner.core.settings.LiveSettings;
import com.fleetprovisioner.core.settings.Settings;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.core.settings.SettingsService;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.settings.JooqSettingsRepository;
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
        SettingsService settings = JooqSettingsRepository.service(database, SettingsDefaults.from(config), secrets,
                Clock.systemUTC());
        // company checks follow the endpoint and account in force, as the workers do
        FollowingSession fleetFreedom = new FollowingSession(new LiveSettings(settings));
        CompanyDirectory companies = new FleetFreedomCompanyDirectory(fleetFreedom, Clock.systemUTC(),
                FleetFreedomCompanyDirectory.DEFAULT_TTL);
        LiveSettings live = new LiveSettings(settings);
        FleetFreedomDirectory directory = new FleetFreedomDirectory(fleetFreedom, Clock.systemUTC(),
                config.operations().directoryCache(), () -> live.get().fleetFreedomAccountSet());
        // enqueue only: the jobs run in the worker processes
        ProvisioningQueue queue = new JobRunrProvisioningQueue(jobs, database.dsl(), Clock.systemUTC());
        WebServices services = WebServices.create(config, database, secrets, Clock.systemUTC(), companies, queue,
                settings, new PasswordHasher(), directory);
        printInitialAdmin(services.users().ensureInitialAdmin(config.adminPassword()));
        WebServer server = WebServer.start(config, services, database, jobs, () -> {
            Settings now = services.liveSettings().get();
            return ConnectionReport.notHeld(now.simulator() ? "simulator" : "fleet-freedom",
                    now.endpoint().map(Object::toString).orElse("(not set)"));
        }, Version.current());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            fleetFreedom.close();
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
