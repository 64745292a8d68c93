package com.fleetprovisioner.db.billing;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.DeviceUpdate;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.device.JooqDeviceRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Devices taken through the repositories the pipeline uses: submitted (queued), then leased, marked as
 * sent and finished as provisioned at a billing start, or failed; so billing_started_at is written by
 * the same statements as in production, at whatever instant a test needs.
 */
public final class BillingSeeds {
    private final DSLContext dsl;
    private final JooqDeviceIntake intake;
    private final JooqDeviceRepository devices;

    public BillingSeeds(DSLContext dsl) {
        this.dsl = dsl;
        this.intake = new JooqDeviceIntake(dsl);
        this.devices = new JooqDeviceRepository(dsl);
    }

    /** A submitted batch of {@code user}'s; returns its id. */
    public long batch(long user, Instant submittedAt) {
        return dsl.insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted").set(BATCH.CREATED_BY, user)
                .set(BATCH.CREATED_AT, submittedAt).set(BATCH.SUBMITTED_AT, submittedAt).set(BATCH.UPDATED_AT, submittedAt)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
    }

    /** One device queued in the batch; returns its device id. */
    public long queued(long batch, long user, String providerId, String kind, long company, Instant submittedAt) {
        return intake.insertQueued(List.of(new NewDevice(providerId, kind, company, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), batch, Optional.empty(), user)), submittedAt).get(0).deviceId();
    }

    /** Sent and answered: billing started at {@code billingStart} (the answer's time on Fleet Freedom's clock). */
    public void provisioned(long deviceId, Instant billingStart) {
        Instant sent = billingStart.minusMillis(40);
        lease(deviceId, sent);
        if (!devices.markSending(deviceId, "seed", sent, sent.plus(Duration.ofMinutes(5)))) {
            throw new IllegalStateException("device " + deviceId + " lost its lease");
        }
        finish(deviceId, DeviceUpdate.provisioned(Optional.of(billingStart), billingStart), billingStart);
    }

    /** Refused by Fleet Freedom: never added, never billed. */
    public void failed(long deviceId, Instant at) {
        lease(deviceId, at);
        finish(deviceId, DeviceUpdate.terminal(DeviceState.FAILED, 2, Text.of("device.error.answer", "rejected")), at);
    }

    private void lease(long deviceId, Instant at) {
        devices.lease(deviceId, "seed", at, at.plus(Duration.ofMinutes(5)))
                .orElseThrow(() -> new IllegalStateException("device " + deviceId + " could not be leased"));
    }

    private void finish(long deviceId, DeviceUpdate update, Instant at) {
        if (!devices.finish(deviceId, "seed", update, at)) {
            throw new IllegalStateException("device " + deviceId + " lost its lease");
        }
    }
}
