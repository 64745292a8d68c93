package com.fleetprovisioner.queue;

import com.fleetprovisioner.db.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

/**
 * JobRunr's storage on our own database, in JobRunr's own tables (it creates and migrates them).
 * The web process uses it to enqueue, the worker to run jobs; both see the same queue.
 */
public final class JobStorage implements AutoCloseable {
    /** pg_advisory_lock key held while JobRunr migrates its tables ("FPJOBRUN"). */
    private static final long MIGRATION_LOCK = 0x46504A4F4252554EL;

    private final StorageProvider provider;
    private final JsonMapper jsonMapper;

    private JobStorage(StorageProvider provider, JsonMapper jsonMapper) {
        this.provider = provider;
        this.jsonMapper = jsonMapper;
    }

    /**
     * JobRunr creates and migrates its tables here. Its own guard decides what to apply before it takes
     * its lock, so a web and workers starting together on a fresh PostgreSQL can apply the same migration
     * twice, and the later one dies ("relation already exists"). On PostgreSQL the processes therefore
     * take turns, under an advisory lock.
     */
    public static JobStorage open(Database database) {
        JsonMapper jsonMapper = new JacksonJsonMapper();
        Supplier<StorageProvider> create = () -> SqlStorageProviderFactory.using(database.dataSource());
        StorageProvider provider = database.postgres() ? oneProcessAtATime(database, create) : create.get();
        provider.setJobMapper(new JobMapper(jsonMapper));
        return new JobStorage(provider, jsonMapper);
    }

    private static StorageProvider oneProcessAtATime(Database database, Supplier<StorageProvider> create) {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            try {
                return create.get();
            } finally {
                statement.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not lock JobRunr's tables for migration: " + e.getMessage(), e);
        }
    }

    public StorageProvider provider() {
        return provider;
    }

    public JsonMapper jsonMapper() {
        return jsonMapper;
    }

    /** True when JobRunr can read its tables. */
    public boolean reachable() {
        try {
            provider.getJobStats();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        provider.close();
    }
}
