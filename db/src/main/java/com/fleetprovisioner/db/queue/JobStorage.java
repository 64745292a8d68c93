package com.fleetprovisioner.db.queue;

import com.fleetprovisioner.db.Database;
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
    private final StorageProvider provider;
    private final JsonMapper jsonMapper;

    private JobStorage(StorageProvider provider, JsonMapper jsonMapper) {
        this.provider = provider;
        this.jsonMapper = jsonMapper;
    }

    public static JobStorage open(Database database) {
        JsonMapper jsonMapper = new JacksonJsonMapper();
        StorageProvider provider = SqlStorageProviderFactory.using(database.dataSource());
        provider.setJobMapper(new JobMapper(jsonMapper));
        return new JobStorage(provider, jsonMapper);
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
