package db.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL only: a trigram (pg_trgm) GIN index on device.provider_id, so that the search box and the
 * history's id filter find any part of an id among 1,000,000 devices from the index. A Java migration
 * because the index is PostgreSQL's own: the SQL scripts stay portable for H2 and for jOOQ's
 * DDLDatabase (which reads only the .sql scripts and never sees this). On H2 it does nothing; H2's
 * searches walk an id index instead (JooqDeviceSearch).
 *
 * <p>pg_trgm ships with PostgreSQL (contrib) and is a trusted extension from PostgreSQL 13 on: the
 * database owner may create it. Where the server lacks it, the migration logs a warning and the
 * search still works, reading the device table instead of the index.
 */
public class V17__device_id_trigram_index extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(V17__device_id_trigram_index.class);

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            if (!available(statement)) {
                LOG.warn("PostgreSQL has no pg_trgm extension: device search reads the device table instead of an index");
                return;
            }
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            statement.execute("CREATE INDEX IF NOT EXISTS ix_device_provider_trgm ON device USING gin (provider_id gin_trgm_ops)");
        }
    }

    private static boolean available(Statement statement) throws java.sql.SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")) {
            return rs.next();
        }
    }
}
