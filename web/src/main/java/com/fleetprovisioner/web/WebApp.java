package com.fleetprovisioner.web;

import com.fleetprovisioner.core.auth.PasswordHasher;
import com.fleetprovisioner.common.DaemonThreads;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.Components;
import com.fleetprovisioner.core.config.Version;
import com.fleetprovisioner.fleetfreedom.ConnectionStatus;
import com.fleetprovisioner.core.intake.CompanyDirectory;
import com.fleetprovisioner.core.intake.FleetFreedomCompanyDirectory;
import com.fleetprovisioner.core.intake.FleetFreedomDirectory;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import com.fleetprovisioner.core.reconcile.ReconcileJobs;
import com.fleetprovisioner.core.settings.FollowingSession;
import com.fleetprovisioner.core.settings.LiveSettings;
import com.fleetprovisioner.core.settings.Settings;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.core.settings.SettingsService;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.Repositories;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.queue.provisioning.JobRunrProvisioningQueue;
import com.fleetprovisioner.queue.reconcile.JobRunrReconcileJobs;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/**
 * The web process's whole object graph, built in one place from {@link AppConfig}: used by
 * {@code WebMain} and by the one-JVM app alike, so the default run is the production wiring. It
 * enqueues jobs and never runs them. The caller owns the database and JobRunr's storage (a worker in
 * the same JVM shares them) and closes them after this.
 */
public final class WebApp implements AutoCloseable {
    /** Expired sessions are refused at once; this only keeps abandoned ones from piling up in the table. */
    private static final long SESSION_PURGE_MINUTES = 10;

    /**
     * What a worker in the same JVM offers the web; {@link #none()} for a web process of its own. Both
     * are optimisations or reports only: the wiring of the services is the same either way.
     *
     * @param jobsCreated    told after jobs due now were created, so a worker here takes them at once
     *                       rather than at its next poll (separate workers poll, at most a poll interval later)
     * @param heldConnection the Fleet Freedom connection a worker here holds, for the dashboard and /health;
     *                       a web process of its own reports the endpoint in force, not held
     */
    public record Neighbours(Runnable jobsCreated, Optional<Supplier<ConnectionStatus>> heldConnection) {
        public static Neighbours none() {
            return new Neighbours(() -> { }, Optional.empty());
        }
    }

    private final WebServices services;
    private final WebServer server;
    private final FollowingSession fleetFreedom;
    private final ScheduledExecutorService housekeeping;
    private final Optional<String> generatedAdminPassword;
    private final Components components;

    private WebApp(WebServices services, WebServer server, FollowingSession fleetFreedom,
            ScheduledExecutorService housekeeping, Optional<String> generatedAdminPassword, Components components) {
        this.services = services;
        this.server = server;
        this.fleetFreedom = fleetFreedom;
        this.housekeeping = housekeeping;
        this.generatedAdminPassword = generatedAdminPassword;
        this.components = components;
    }

    /**
     * @param defaults the settings in force until an admin saves others (the one-JVM app's name its
     *                 built-in simulator)
     */
    public static WebApp start(AppConfig config, Database database, JobStorage jobs, SecretBox secrets, Clock clock,
            SettingsDefaults defaults, Neighbours neighbours) {
        Components built = new Components();
        Repositories repositories = built.add("repositories", new Repositories(database));
        SettingsService settings = built.add("settings", new SettingsService(repositories.settings(),
                repositories.sendsInProgress(), defaults, secrets, repositories.audit(), repositories.transactions(),
                clock));
        LiveSettings live = new LiveSettings(settings);
        // company checks and pickers follow the endpoint and account in force, as the workers do
        FollowingSession fleetFreedom = built.add("fleetFreedom", new FollowingSession(live));
        CompanyDirectory companies = built.add("companies",
                new FleetFreedomCompanyDirectory(fleetFreedom, clock, FleetFreedomCompanyDirectory.DEFAULT_TTL));
        FleetFreedomDirectory directory = built.add("pickers", new FleetFreedomDirectory(fleetFreedom, clock,
                config.operations().directoryCache(), () -> live.get().fleetFreedomAccountSet()));
        // enqueue only: the jobs run in the worker processes
        ProvisioningQueue queue = built.add("queue",
                new JobRunrProvisioningQueue(jobs, repositories.queueReads(), clock, neighbours.jobsCreated()));
        ReconcileJobs reconcileJobs = built.add("reconcileJobs",
                new JobRunrReconcileJobs(jobs, neighbours.jobsCreated()));
        PasswordHasher hasher = built.add("passwordHasher", new PasswordHasher());
        WebServices services = WebServices.create(config, repositories, secrets, clock, companies, queue,
                reconcileJobs, settings, hasher, directory);
        describe(built, services);
        Optional<String> generated = services.users().ensureInitialAdmin(config.adminPassword());
        Supplier<ConnectionReport> connection = neighbours.heldConnection()
                .<Supplier<ConnectionReport>>map(held -> () -> held(held.get(), live.get()))
                .orElse(() -> notHeld(live.get()));
        WebServer server = WebServer.start(config, services, database, jobs, connection, Version.current());
        return new WebApp(services, server, fleetFreedom, purgeSessions(services), generated, built);
    }

    private static void describe(Components built, WebServices services) {
        built.add("auth", services.auth());
        built.add("intake", services.intake());
        built.add("submissions", services.submissions());
        built.add("batchControl", services.batchControl());
        built.add("reconciliations", services.reconciliations());
        built.add("notifications", services.notifications());
        built.add("audit", services.audit());
        built.add("pipeline", services.pipeline());
    }

    private static ConnectionReport held(ConnectionStatus status, Settings settings) {
        return new ConnectionReport(status.state().name(), target(settings), status.endpoint().toString(),
                status.detail());
    }

    private static ConnectionReport notHeld(Settings settings) {
        return ConnectionReport.notHeld(target(settings), settings.endpoint().map(Object::toString).orElse("(not set)"));
    }

    private static String target(Settings settings) {
        return settings.simulator() ? "simulator" : "fleet-freedom";
    }

    private static ScheduledExecutorService purgeSessions(WebServices services) {
        ScheduledExecutorService housekeeping =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("session-purge"));
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                services.auth().purgeExpiredSessions();
                services.preSessions().purge();
            } catch (RuntimeException e) {
                // the database may be down for a moment: the next round tries again
                LoggerFactory.getLogger(WebApp.class).warn("Could not purge expired sessions: {}", e.getMessage());
            }
        }, SESSION_PURGE_MINUTES, SESSION_PURGE_MINUTES, TimeUnit.MINUTES);
        return housekeeping;
    }

    public int port() {
        return server.port();
    }

    public WebServices services() {
        return services;
    }

    public WebServer server() {
        return server;
    }

    /** The first admin's password when this start created it, to be shown once on the console. */
    public Optional<String> generatedAdminPassword() {
        return generatedAdminPassword;
    }

    /** Role to implementation class of what this factory built (see {@link Components}). */
    public Map<String, String> components() {
        return components.asMap();
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
        server.close();
        fleetFreedom.close();
    }
}
