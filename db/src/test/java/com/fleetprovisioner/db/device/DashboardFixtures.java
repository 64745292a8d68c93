package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.provisioning.NewDevice;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Batches and devices written straight into the tables, in the states a test needs; the device
 * counters are counted again after each direct write, as a pipeline that wrote it would have kept them.
 */
public final class DashboardFixtures {
    private DashboardFixtures() {
    }

    public static long batch(DSLContext dsl, long user, String state, Optional<String> fileName, Instant createdAt) {
        return dsl.insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, state)
                .set(BATCH.FILE_NAME, fileName.orElse(null)).set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, createdAt)
                .set(BATCH.SUBMITTED_AT, "draft".equals(state) ? null : createdAt).set(BATCH.UPDATED_AT, createdAt)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
    }

    /** Queued devices with these ids in the batch. */
    public static void devices(DSLContext dsl, long batch, long user, Instant at, List<String> providerIds) {
        new JooqDeviceIntake(dsl).insertQueued(providerIds.stream()
                .map(id -> new NewDevice(id, "calamp", 42, Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), batch, Optional.empty(), user)).toList(), at);
    }

    public static void provisioned(DSLContext dsl, String providerId, Instant billingStartedAt) {
        dsl.update(DEVICE).set(DEVICE.STATE, "provisioned").set(DEVICE.BILLING_STARTED_AT, billingStartedAt)
                .where(DEVICE.PROVIDER_ID.eq(providerId)).execute();
        new DeviceCounters(dsl).recount();
    }

    public static void state(DSLContext dsl, String providerId, String state) {
        dsl.update(DEVICE).set(DEVICE.STATE, state).where(DEVICE.PROVIDER_ID.eq(providerId)).execute();
        new DeviceCounters(dsl).recount();
    }
}
