package com.fleetprovisioner.web.testing;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.PasswordHasher;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.auth.User;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.core.intake.FleetFreedomCompanyDirectory;
import com.fleetprovisioner.core.intake.FleetFreedomDirectory;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.core.reconcile.Reconciler;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.Repositories;
import com.fleetprovisioner.queue.reconcile.JobRunrReconcileJobs;
import com.fleetprovisioner.db.audit.JooqAuditLog;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.db.reconcile.JooqReconcileRepository;
import com.fleetprovisioner.db.testing.TestSettings;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.MutableClock;
import com.fleetprovisioner.db.testing.RecordingQueue;
import com.fleetprovisioner.db.testing.TestDatabases;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.web.WebServer;
import com.fleetprovisioner.web.WebServices;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Routes;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The real web server on a random port over a fresh database, with one user per role (named after
 * the role, password {@link #PASSWORD}) and a clock the test moves. Company numbers are checked
 * against an in-process simulator (companies 42 and 43) through a real {@link SessionSupervisor}.
 * The provisioning queue only records what it is told (the pipeline's queue is another feature).
 */
public final class WebTestServer implements AutoCloseable {
    public static final String PASSWORD = "correct-horse-battery";

    private final Database database;
    private final JobStorage jobs;
    private final WebServices services;
    private final WebServer server;
    private final MutableClock clock;
    private final Map<Role, User> users;
    private final Simulator simulator;
    private final SessionSupervisor fleetFreedom;
    private final List<Long> enqueued;

    private WebTestServer(Database database, JobStorage jobs, WebServices services, WebServer server,
            MutableClock clock, Map<Role, User> users, Simulator simulator, SessionSupervisor fleetFreedom,
            List<Long> enqueued) {
        this.database = database;
        this.jobs = jobs;
        this.services = services;
        this.server = server;
        this.clock = clock;
        this.users = users;
        this.simulator = simulator;
        this.fleetFreedom = fleetFreedom;
        this.enqueued = enqueued;
    }

    public static WebTestServer start(DatabaseKind kind) {
        return start(kind, Map.of());
    }

    /** With extra environment variables, as a process would read them. */
    public static WebTestServer start(DatabaseKind kind, Map<String, String> environment) {
        return start(kind, environment, (routes, renderer) -> {
        });
    }

    /** With extra routes a test needs (they are not in the access-control policy: use them only in that test). */
    public static WebTestServer start(DatabaseKind kind, Map<String, String> environment,
            BiConsumer<Routes, PageRenderer> extraRoutes) {
        return start(kind, environment, extraRoutes, new PasswordHasher());
    }

    /**
     * With a password hasher of the test's, e.g. one whose hashing bound the test fills.
     *
     * <p>Built from {@link WebServices#create} and {@link WebServer#start}, as {@code WebApp} builds the web
     * process, not through {@code WebApp} itself: the tests need what the production factory rightly does not
     * offer — a provisioning queue that records what it was told ({@link #enqueued()}: no worker runs here),
     * routes of their own, their own password hasher, and the company checks on the simulator's
     * session held for the test. {@code WiringIT} (app) covers {@code WebApp}'s own wiring.
     */
    public static WebTestServer start(DatabaseKind kind, Map<String, String> environment,
            BiConsumer<Routes, PageRenderer> extraRoutes, PasswordHasher hasher) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1"));
        env.putAll(environment);
        AppConfig config = AppConfig.from(env);
        Database database = TestDatabases.migrated(kind);
        JobStorage jobs = JobStorage.open(database);
        MutableClock clock = MutableClock.startingNow();
        Simulator simulator = Simulator.start(SimulatorConfig.builder().build());
        SessionSupervisor fleetFreedom = new SessionSupervisor(FleetFreedomConfig.of(simulator.webSocketUri(),
                SimulatorConfig.DEMO_USER.username(), SimulatorConfig.DEMO_USER.password()));
        fleetFreedom.start();
        RecordingQueue queue = new RecordingQueue(); // the web only enqueues; what it asked for is what the tests look at
        List<Long> enqueued = queue.asked();
        SecretBox secrets = SecretBox.random();
        // like the one-JVM app: the in-process simulator is the default target until an admin saves another
        SettingsDefaults defaults = SettingsDefaults.from(config).withBuiltInSimulator(simulator.webSocketUri(),
                SimulatorConfig.DEMO_USER.username(), SimulatorConfig.DEMO_USER.password());
        WebServices services = WebServices.create(config, new Repositories(database), secrets, clock,
                new FleetFreedomCompanyDirectory(fleetFreedom, clock, Duration.ofMinutes(1)),
                queue, new JobRunrReconcileJobs(jobs),
                TestSettings.service(database, defaults, secrets, clock), hasher,
                new FleetFreedomDirectory(fleetFreedom, clock, config.operations().directoryCache(), () -> true));
        Map<Role, User> users = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            users.put(role, services.users().create(Actor.system(), role.id(), role, PASSWORD));
        }
        WebServer server = WebServer.start(config, services, database, jobs,
                () -> ConnectionReport.notHeld("simulator", "ws://127.0.0.1:0"), "test", extraRoutes);
        return new WebTestServer(database, jobs, services, server, clock, users, simulator, fleetFreedom, enqueued);
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public TestClient client() {
        return new TestClient(this);
    }

    public User user(Role role) {
        return users.get(role);
    }

    /** The in-process simulator: the default Fleet Freedom target of this server's settings. */
    public Simulator simulator() {
        return simulator;
    }

    public MutableClock clock() {
        return clock;
    }

    public WebServices services() {
        return services;
    }

    public WebServer server() {
        return server;
    }

    public Database database() {
        return database;
    }

    /** A fresh API token of one of the users (named after its role), through {@code POST /api/v1/tokens}. */
    public String apiToken(String username) throws java.io.IOException {
        java.net.http.HttpResponse<String> created = client().send("POST", "/api/v1/tokens", java.util.Optional.empty(),
                java.util.Optional.of("{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}"));
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(created.body()).get("token").asText();
    }

    /** JobRunr's storage: what the web enqueued (no worker runs here). */
    public JobStorage jobs() {
        return jobs;
    }

    /** The Fleet Freedom session to the in-process simulator, for a test that does a worker's part itself. */
    public SessionSupervisor fleetFreedom() {
        return fleetFreedom;
    }

    /**
     * Executes a reconciliation run as a worker does (the web only enqueues it): the real {@link Reconciler}
     * against the in-process simulator.
     */
    public void runReconciliation(long id) throws InterruptedException {
        new Reconciler(new JooqReconcileRepository(DatabaseFixture.dsl(database)), fleetFreedom, new JooqAuditLog(DatabaseFixture.dsl(database)),
                java.time.Clock.systemUTC()).run(id);
    }

    /** Device ids the provisioning queue was told about, in order. */
    public List<Long> enqueued() {
        synchronized (enqueued) {
            return List.copyOf(enqueued);
        }
    }

    @Override
    public void close() {
        server.close();
        fleetFreedom.close();
        simulator.close();
        jobs.close();
        database.close();
    }
}
