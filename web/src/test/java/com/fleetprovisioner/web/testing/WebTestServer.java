package com.fleetprovisioner.web.testing;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.auth.User;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.queue.JobStorage;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.MutableClock;
import com.fleetprovisioner.db.testing.TestDatabases;
import com.fleetprovisioner.web.WebServer;
import com.fleetprovisioner.web.WebServices;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/**
 * The real web server on a random port over a fresh database, with one user per role (named after
 * the role, password {@link #PASSWORD}) and a clock the test moves.
 */
public final class WebTestServer implements AutoCloseable {
    public static final String PASSWORD = "correct-horse-battery";

    private final Database database;
    private final JobStorage jobs;
    private final WebServices services;
    private final WebServer server;
    private final MutableClock clock;
    private final Map<Role, User> users;

    private WebTestServer(Database database, JobStorage jobs, WebServices services, WebServer server,
            MutableClock clock, Map<Role, User> users) {
        this.database = database;
        this.jobs = jobs;
        this.services = services;
        this.server = server;
        this.clock = clock;
        this.users = users;
    }

    public static WebTestServer start(DatabaseKind kind) {
        AppConfig config = AppConfig.from(Map.of("FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1"));
        Database database = TestDatabases.migrated(kind);
        JobStorage jobs = JobStorage.open(database);
        MutableClock clock = MutableClock.startingNow();
        WebServices services = WebServices.create(config, database, jobs, SecretBox.random(), clock);
        Map<Role, User> users = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            users.put(role, services.users().create(Actor.system(), role.id(), role, PASSWORD));
        }
        WebServer server = WebServer.start(config, services, database, jobs,
                () -> ConnectionReport.notHeld("simulator", "ws://127.0.0.1:0"), "test");
        return new WebTestServer(database, jobs, services, server, clock, users);
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

    @Override
    public void close() {
        server.close();
        jobs.close();
        database.close();
    }
}
