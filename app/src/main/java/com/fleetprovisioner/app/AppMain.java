package com.fleetprovisioner.app;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.ConfigException;
import com.fleetprovisioner.core.config.Version;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.web.WebMain;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default run: web, worker and (unless real credentials are configured) the simulator in one JVM. */
public final class AppMain {
    private static final Logger log = LoggerFactory.getLogger(AppMain.class);

    private AppMain() {
    }

    public static void main(String[] args) {
        AppConfig config = AppConfig.fromEnvironmentOrExit();
        log.info("Fleet Provisioner {} starting with {}", Version.current(), config.describe());
        SecretBox secrets = ConfigException.orExit(() -> SecretBox.forConfig(config));
        EmbeddedApp app = EmbeddedApp.start(config, secrets, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
        WebMain.printInitialAdmin(app.generatedAdminPassword());
        app.simulator().ifPresent(simulator -> log.info(
                "Target: the built-in Fleet Freedom simulator at {} (control API {}), user {} in company {}. "
                        + "No real device is added and nothing is billed.",
                simulator.webSocketUri(), simulator.controlUri(), SimulatorConfig.DEMO_USER.username(),
                SimulatorConfig.DEMO_USER.company()));
        if (!config.usesSimulator()) {
            log.warn("Target: the REAL Fleet Freedom at {}. Every device added there is billed.", config.ffUrl().orElseThrow());
        }
        // the built-in simulator's control token: printed once on the console (never logged), for the
        // operator who started this process; the app itself uses the simulator in-process
        app.simulator().ifPresent(simulator -> System.out.println("Simulator control token (shown once): "
                + simulator.controlToken()));
        System.out.println("Fleet Provisioner is running at http://localhost:" + app.port() + "/  (user: admin)");
    }
}
