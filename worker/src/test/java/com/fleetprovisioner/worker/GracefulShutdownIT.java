package com.fleetprovisioner.worker;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;
import static com.fleetprovisioner.worker.testing.PipelineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.simulator.FaultSettings;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.worker.testing.PipelineHarness;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jobrunr.jobs.states.StateName;
import org.jooq.Record3;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A worker stopped mid-batch (SIGTERM runs {@link ProvisioningWorker#close(Duration)}): sends on the wire
 * finish, devices it leased but had not sent go back to the queue at once, and another worker finishes the
 * batch without a duplicate merge.
 */
class GracefulShutdownIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aStoppingWorkerFinishesItsSendsAndHandsBackWhatItHadNotSent(DatabaseKind kind) {
        // every command takes over a second, so a device caught in its getProvider reconcile when the
        // worker is told to stop has not reached mergeProvider yet
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withLatency(1200, 1500)).build());
             PipelineHarness h = new PipelineHarness(kind, sim)) {
            long batch = h.batch();
            h.submit(batch, 0, 16, 42);
            ProvisioningWorker w1 = h.startWorker("w1", 4);
            await("w1 reconciling a device it has not sent", DEADLINE, () -> DatabaseFixture.dsl(h.db).fetchExists(DEVICE,
                    DEVICE.LEASE_OWNER.eq("w1").and(DEVICE.SENT_AT.isNull())));

            w1.close(Duration.ofSeconds(30));

            assertThat(DatabaseFixture.dsl(h.db).fetchCount(DEVICE, DEVICE.LEASE_OWNER.eq("w1")))
                    .as("no lease left behind by the stopped worker").isZero();
            List<Long> handedBack = DatabaseFixture.dsl(h.db).selectDistinct(DEVICE_EVENT.DEVICE_ID).from(DEVICE_EVENT)
                    .where(DEVICE_EVENT.TYPE.eq(DeviceEvent.Type.RETRY_SCHEDULED.id()))
                    .and(DEVICE_EVENT.MESSAGE_KEY.eq("event.text.handedBack")).fetch(DEVICE_EVENT.DEVICE_ID);
            assertThat(handedBack).as("devices leased but unsent when the worker stopped").isNotEmpty();
            for (long id : handedBack) {
                Record3<String, Integer, Integer> d = DatabaseFixture.dsl(h.db).select(DEVICE.STATE, DEVICE.ATTEMPTS,
                        DEVICE.REQUEUE_GENERATION).from(DEVICE).where(DEVICE.ID.eq(id)).fetchOne();
                assertThat(d.value1()).as("never sent: back in the queue").isEqualTo("queued");
                assertThat(d.value2()).as("the attempt is given back: nothing was sent").isZero();
                assertThat(h.sentCount(id)).isZero();
                assertThat(h.devicesInJobs(StateName.ENQUEUED))
                        .as("enqueued again at once, not left to the sweeper or the lease").contains(id);
            }

            h.startWorker("w2", 8);
            await("all terminal", DEADLINE, () -> h.allTerminal(batch));
            assertThat(h.statesOf(batch)).isEqualTo(Map.of("provisioned", 16L));
            assertThat(h.duplicateCreations()).isEmpty();
            for (long id : handedBack) {
                assertThat(h.eventTypes(id, "w2")).contains(DeviceEvent.Type.LEASE_TAKEN, DeviceEvent.Type.PROVISIONED);
            }
        }
    }
}
