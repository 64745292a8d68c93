package com.fleetprovisioner.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JobStorageIT {
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void jobRunrKeepsItsTablesBesideOurs(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind); JobStorage storage = JobStorage.open(db)) {
            assertThat(storage.reachable()).isTrue();
            assertThat(storage.provider().getJobStats().getEnqueued()).isZero();
            assertThat(DatabaseFixture.dsl(db).meta().getTables()).extracting(t -> t.getName().toLowerCase())
                    .contains("jobrunr_jobs", "device", "app_user");
        }
    }
}
