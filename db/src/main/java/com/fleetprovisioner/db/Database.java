package com.fleetprovisioner.db;

import com.fleetprovisioner.core.common.Transactions;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

/**
 * The connection pool, the schema (Flyway) and the jOOQ context for one database: an H2 file or
 * memory database in PostgreSQL mode, or PostgreSQL. The repositories ({@link Repositories}) share its
 * jOOQ context, which joins the transaction of the calling thread when there is one.
 */
public final class Database implements AutoCloseable {
    /**
     * H2 settings that make it behave like PostgreSQL for our SQL and for jOOQ's generated names;
     * LOCK_TIMEOUT lets racing submits wait for each other's rows (H2's 1 s is short on a busy machine).
     * QUERY_CACHE_SIZE: H2 keeps 8 parsed statements per connection by default; one device's attempt
     * alone runs about ten different ones, and a connection also serves JobRunr and the pages, so with 8
     * every statement was parsed and planned again (9 % of the CPU of a 10,000-device run).
     * DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook closed the database while ours was still stopping
     * JobRunr's server ("Database is already closed" at every stop); our hook closes the pool, last.
     */
    private static final String H2_OPTIONS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;LOCK_TIMEOUT=10000"
            + ";QUERY_CACHE_SIZE=64;DB_CLOSE_ON_EXIT=FALSE";

    private final HikariDataSource dataSource;
    private final SQLDialect dialect;
    private final DSLContext dsl;
    private final Transactions transactions;

    private Database(HikariDataSource dataSource, SQLDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        DefaultConfiguration configuration = new DefaultConfiguration();
        configuration.set(dialect);
        configuration.set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(dataSource)));
        this.dsl = DSL.using(configuration);
        this.transactions = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return dsl.transactionResult(work::get);
            }
        };
    }

    public static Database connect(String url, String user, String password, int poolSize) {
        boolean h2 = url.startsWith("jdbc:h2:");
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(h2 ? withH2Options(url) : url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        // opened as needed beyond ten: a web process sized like a worker keeps few connections open
        config.setMinimumIdle(Math.min(poolSize, 10));
        config.setPoolName("fleet-provisioner");
        // Start even when the database is down: /health then says so instead of the process dying.
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(Duration.ofSeconds(10).toMillis());
        return new Database(new HikariDataSource(config), h2 ? SQLDialect.H2 : SQLDialect.POSTGRES);
    }

    static String withH2Options(String url) {
        return url.toUpperCase(java.util.Locale.ROOT).contains(";MODE=") ? url : url + H2_OPTIONS;
    }

    /** Brings the schema to the newest version; safe to call from several processes at once. */
    public void migrate() {
        flyway().migrate();
    }

    /** Fails when the schema is not at the version this code expects (for processes that do not migrate). */
    public void validate() {
        flyway().validate();
    }

    /**
     * Waits (polling) until another process has migrated the schema to this code's version; gives up
     * with the validation error after {@code timeout}.
     */
    public void awaitSchema(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                validate();
                return;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYet;
                }
            }
        }
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load();
    }

    /** For the repositories of this module only: jOOQ does not leave it (see {@link Repositories}). */
    DSLContext dsl() {
        return dsl;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    SQLDialect dialect() {
        return dialect;
    }

    public boolean postgres() {
        return dialect == SQLDialect.POSTGRES;
    }

    public Transactions transactions() {
        return transactions;
    }

    /** True when a connection can be had and answers within two seconds. */
    public boolean reachable() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
