package com.fleetprovisioner.web;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.ConfigException;
import com.fleetprovisioner.core.config.Version;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.queue.JobStorage;
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
        WebApp web = WebApp.start(config, database, jobs, secrets, Clock.systemUTC(), SettingsDefaults.from(config),
                WebApp.Neighbours.none());
        printInitialAdmin(web.generatedAdminPassword());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            web.close();
            jobs.close();
            database.close();
        }, "shutdown"));
        log.info("Web pages and API at http://localhost:{}/", web.port());
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
