package com.fleetprovisioner.db.testing;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.provisioning.DeviceIntake.Queued;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** A submitted batch of queued devices, as intake leaves it, created by a new operator of its own. */
public final class QueuedBatch {
    private QueuedBatch() {
    }

    /** {@code count} devices with provider ids {@code idPrefix + n}, for company 42, queued at {@code now}. */
    public static List<Queued> of(Database db, int count, String userName, String idPrefix, Instant now) {
        long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create(userName, Role.OPERATOR, "x", now).id();
        long batch = DatabaseFixture.dsl(db).insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, now).set(BATCH.UPDATED_AT, now)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
        List<NewDevice> devices = IntStream.range(0, count).mapToObj(n -> new NewDevice(idPrefix + n, "calamp",
                42, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), batch, Optional.empty(),
                user)).toList();
        return new JooqDeviceIntake(DatabaseFixture.dsl(db)).insertQueued(devices, now);
    }
}
