package com.fleetprovisioner.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.Components;
import com.fleetprovisioner.core.intake.FleetFreedomCompanyDirectory;
import com.fleetprovisioner.core.intake.FleetFreedomDirectory;
import com.fleetprovisioner.core.pacing.SharedPacer;
import com.fleetprovisioner.core.settings.FollowingSession;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.DatabaseUrl;
import com.fleetprovisioner.db.testing.TestDatabases;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.queue.provisioning.JobRunrProvisioningQueue;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.web.WebApp;
import com.fleetprovisioner.worker.FleetFreedomConnection;
import com.fleetprovisioner.worker.WorkerApp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The default run is the production wiring: the one-JVM app and a separate web and worker over one
 * database, started in the same test, build the same components (role to implementation class, as each
 * factory records what it actually wired). Before issue 16 the one-JVM app checked companies through the
 * worker's own session ({@link FleetFreedomConnection}) rather than {@link FollowingSession}: this test
 * compares exactly that kind of difference.
 */
class WiringIT {
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theOneJvmAppAndSeparateWebAndWorkerWireTheSameServices(DatabaseKind kind) {
        try (EmbeddedApp app = EmbeddedApp.start(config(TestDatabases.freshUrl(kind), Map.of()), SecretBox.random(),
                Clock.systemUTC())) {
            Map<String, String> oneJvm = app.components();
            Simulator sim = app.simulator().orElseThrow();
            // the separate worker needs an endpoint of its own (FP_FF_URL): the app's simulator will do
            AppConfig separate = config(TestDatabases.freshUrl(kind), Map.of("FP_FF_URL", sim.webSocketUri().toString(),
                    "FP_FF_USERNAME", SimulatorConfig.DEMO_USER.username(),
                    "FP_FF_PASSWORD", SimulatorConfig.DEMO_USER.password()));
            assertThat(separate.usesSimulator()).isFalse();
            Map<String, String> processes = separateProcesses(separate);

            assertThat(oneJvm).as("what the one-JVM app wired").containsAllEntriesOf(Map.of(
                    "web.fleetFreedom", FollowingSession.class.getName(),
                    "web.companies", FleetFreedomCompanyDirectory.class.getName(),
                    "web.pickers", FleetFreedomDirectory.class.getName(),
                    "web.queue", JobRunrProvisioningQueue.class.getName(),
                    "worker.fleetFreedom", FleetFreedomConnection.class.getName(),
                    "worker.pacer", SharedPacer.class.getName(),
                    "worker.queue", JobRunrProvisioningQueue.class.getName()))
                    .containsKeys("worker.settingsFollower", "worker.notifications", "worker.reconciler",
                            "web.reconciliations", "web.intake")
                    .hasSizeGreaterThan(20);
            assertThat(processes).as("separate web and worker processes wire what the one-JVM app does")
                    .isEqualTo(oneJvm);
        }
    }

    /** As WebMain and WorkerMain start them, in this JVM over one database; stopped before returning. */
    private static Map<String, String> separateProcesses(AppConfig config) {
        SecretBox secrets = SecretBox.random();
        try (Database database = Database.connect(config.dbUrl(), config.dbUser(), config.dbPassword(),
                config.dbPoolSize())) {
            database.migrate();
            try (JobStorage jobs = JobStorage.open(database);
                 WorkerApp worker = WorkerApp.start(config, database, jobs, secrets, Clock.systemUTC(),
                         SettingsDefaults.from(config), "wiring-it");
                 WebApp web = WebApp.start(config, database, jobs, secrets, Clock.systemUTC(),
                         SettingsDefaults.from(config), WebApp.Neighbours.none())) {
                assertThat(web.port()).isPositive();
                return Components.of(web.components(), worker.components());
            }
        }
    }

    private static AppConfig config(DatabaseUrl db, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1",
                "FP_DB_URL", db.url(), "FP_DB_USER", db.user(), "FP_DB_PASSWORD", db.password(),
                "FP_ADMIN_PASSWORD", "wiring-admin-password"));
        env.putAll(more);
        return AppConfig.from(env);
    }
}
