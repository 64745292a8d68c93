package com.fleetprovisioner.worker;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;
import static com.fleetprovisioner.worker.testing.PipelineHarness.await;
import static com.fleetprovisioner.worker.testing.PipelineHarness.providerId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.provisioning.DeviceDetail;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.queue.provisioning.ProvisionBatchRange;
import com.fleetprovisioner.queue.testing.QueuedDevices;
import com.fleetprovisioner.simulator.FaultSettings;
import com.fleetprovisioner.simulator.Ledger;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.worker.testing.PipelineHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.scheduling.JobBuilder;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The pipeline end to end: JobRunr workers, the database and the simulator over real sockets. */
class PipelineIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void applyThenDropOnAFifthOfMergesStillProvisionsEveryDeviceOnce(DatabaseKind kind) {
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withDropAfterMerge(0.2).withLatency(0, 10)).build());
             PipelineHarness h = new PipelineHarness(kind, sim)) {
            long batch = h.batch();
            h.submit(batch, 0, 150, 42);
            h.startWorker("w1", 8);
            await("all terminal", DEADLINE, () -> h.allTerminal(batch));

            assertThat(h.statesOf(batch)).isEqualTo(Map.of("provisioned", 150L));
            assertThat(h.duplicateCreations()).isEmpty();
            h.countersExact();
            long dropped = sim.ledger().entries().stream()
                    .filter(e -> e.outcome() == Ledger.Outcome.CREATED_REPLY_DROPPED).count();
            assertThat(dropped).as("the fault really happened").isPositive();
            // a device whose reply was lost was confirmed by reconcile, billed from our own send time
            String lost = sim.ledger().entries().stream()
                    .filter(e -> e.outcome() == Ledger.Outcome.CREATED_REPLY_DROPPED).findFirst().orElseThrow().providerId();
            DeviceDetail d = h.devices.findByProviderId(lost).orElseThrow();
            assertThat(d.billingStartedAt()).isPresent();
            assertThat(d.events()).extracting(DeviceEvent::type).contains(DeviceEvent.Type.SENT, DeviceEvent.Type.RETRY_SCHEDULED,
                    DeviceEvent.Type.RECONCILED, DeviceEvent.Type.PROVISIONED);
            assertThat(d.events()).filteredOn(e -> e.type().equals(DeviceEvent.Type.RECONCILED))
                    .anySatisfy(e -> assertThat(e.text().key()).isEqualTo("event.text.presentOurs"));
            assertThat(sim.ledger().forProvider(lost)).hasSize(1);
        }
    }

    @Test
    void everyFaultModeAtOnceEndsWithEveryDeviceProvisionedOnce() {
        FaultSettings chaos = FaultSettings.none().withLatency(0, 20).withDropBeforeMerge(0.1).withDropAfterMerge(0.1)
                .withErrorRate(2, 0.05).withErrorRate(1, 0.03).withSessionExpirySeconds(2);
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().faults(chaos).build());
             PipelineHarness h = new PipelineHarness(DatabaseKind.H2, sim)) {
            long batch = h.batch();
            h.submit(batch, 0, 120, 42);
            h.startWorker("w1", 8);
            await("all terminal", DEADLINE, () -> h.allTerminal(batch));

            // failed only when injected errors hit every one of its 3 attempts: most runs fail a few, some none
            assertThat(h.statesOf(batch).keySet()).isSubsetOf("provisioned", "failed");
            assertThat(h.duplicateCreations()).isEmpty();
            h.countersExact();
            // every provisioned device exists exactly once in Fleet Freedom and carries its billing start
            h.statesOf(batch);
            for (int n = 0; n < 120; n++) {
                DeviceDetail d = h.devices.findByProviderId(providerId(n)).orElseThrow();
                if (d.state().id().equals("provisioned")) {
                    assertThat(sim.ledger().creations(providerId(n))).isEqualTo(1);
                    assertThat(d.billingStartedAt()).isPresent();
                } else {
                    assertThat(sim.ledger().creations(providerId(n))).isZero();
                    assertThat(d.lastErrorMessage().orElseThrow().key()).isEqualTo("event.text.gaveUp");
                }
            }
        }
    }

    @Test
    void permanentErrorsAreTriedOnceAndExistingProvidersAreNeverSent() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults());
             PipelineHarness h = new PipelineHarness(DatabaseKind.H2, sim)) {
            sim.world().putProvider(new com.fleetprovisioner.simulator.World.StoredProvider(providerId(3), 43, "calamp",
                    null, null, null, null, false, Instant.now(), Instant.now(), 1));
            long batch = h.batch();
            h.submit(batch, 0, 3, 999); // company 999 does not exist: 28 companyNotFound
            h.submit(batch, 3, 4, 42); // already present, in another company
            h.startWorker("w1", 4);
            await("all terminal", DEADLINE, () -> h.allTerminal(batch));

            assertThat(h.statesOf(batch)).isEqualTo(Map.of("failed", 3L, "needs_review", 1L));
            for (int n = 0; n < 3; n++) {
                assertThat(sim.ledger().forProvider(providerId(n))).as("tried once").hasSize(1);
                DeviceDetail d = h.devices.findByProviderId(providerId(n)).orElseThrow();
                assertThat(d.attempts()).isEqualTo(1);
                assertThat(d.lastErrorCode()).contains(28);
                assertThat(d.lastErrorMessage().orElseThrow().toString()).contains("company does not exist");
            }
            assertThat(sim.ledger().forProvider(providerId(3))).isEmpty();
            assertThat(h.devices.findByProviderId(providerId(3)).orElseThrow().lastErrorMessage().orElseThrow().args())
                    .contains("43");

            // requeue one failed device: it gets a new job and is tried again (and fails again, honestly)
            long id = h.devices.findByProviderId(providerId(0)).orElseThrow().id();
            h.control.requeueDevice(h.operator(), id);
            await("requeued device tried again", DEADLINE, () -> sim.ledger().forProvider(providerId(0)).size() == 2
                    && h.allTerminal(batch));
            assertThat(h.eventTypes(providerId(0))).contains(DeviceEvent.Type.REQUEUED);
        }
    }

    @Test
    void retryableErrorsAreRetriedWithBackoffThenFailed() {
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withErrorRate(2, 1.0)).build());
             PipelineHarness h = new PipelineHarness(DatabaseKind.H2, sim)) {
            long batch = h.batch();
            h.submit(batch, 0, 5, 42);
            h.startWorker("w1", 4);
            await("all terminal", DEADLINE, () -> h.allTerminal(batch));

            assertThat(h.statesOf(batch)).isEqualTo(Map.of("failed", 5L));
            DeviceDetail d = h.devices.findByProviderId(providerId(0)).orElseThrow();
            assertThat(d.attempts()).isEqualTo(PipelineHarness.SETTINGS.maxAttempts());
            assertThat(d.events()).filteredOn(e -> e.type().equals(DeviceEvent.Type.RETRY_SCHEDULED))
                    .hasSize(PipelineHarness.SETTINGS.maxAttempts() - 1);
            assertThat(d.lastErrorMessage().orElseThrow().key()).isEqualTo("event.text.gaveUp");
            assertThat(d.lastErrorMessage().orElseThrow().args()).first().isEqualTo("3");
        }
    }

    @Test
    void credentialFailurePausesEverythingWithoutFailingDevicesAndResumes() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults());
             PipelineHarness h = new PipelineHarness(DatabaseKind.H2, sim)) {
            sim.faults().set(FaultSettings.none().withErrorRate(11, 1.0));
            long batch = h.batch();
            h.submit(batch, 0, 30, 42);
            h.startWorker("w1", 4);
            await("pipeline stopped", DEADLINE, () -> h.pipeline.read().stopped());
            assertThat(h.pipeline.read().stoppedReason().orElseThrow()).contains("username or password");

            sim.faults().reset();
            assertThat(h.statesOf(batch)).doesNotContainKeys("failed", "provisioned");
            assertThat(sim.ledger().entries()).allMatch(e -> e.outcome() != Ledger.Outcome.CREATED);

            h.control.resumePipeline(h.operator());
            await("all terminal after resume", DEADLINE, () -> h.allTerminal(batch));
            assertThat(h.statesOf(batch)).isEqualTo(Map.of("provisioned", 30L));
            assertThat(h.duplicateCreations()).isEmpty();
        }
    }

    @Test
    void throttlingHoldsEverySenderForTheWindow() {
        double timeoutSeconds = 2;
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withThrottle(10, 1000, timeoutSeconds)).build());
             PipelineHarness h = new PipelineHarness(DatabaseKind.H2, sim)) {
            long batch = h.batch();
            h.submit(batch, 0, 60, 42);
            h.startWorker("w1", 6);
            h.startWorker("w2", 6);
            await("all terminal", DEADLINE, () -> h.allTerminal(batch));

            assertThat(h.statesOf(batch)).isEqualTo(Map.of("provisioned", 60L));
            assertThat(h.duplicateCreations()).isEmpty();
            List<Ledger.Entry> entries = sim.ledger().entries();
            List<Instant> throttled = entries.stream().filter(e -> e.outcome() == Ledger.Outcome.THROTTLED)
                    .map(Ledger.Entry::receivedAt).toList();
            assertThat(throttled).as("the simulator did throttle").isNotEmpty();
            // commands already in flight when the 105 came may still arrive; nothing is sent afterwards
            Duration margin = Duration.ofMillis(300);
            for (Instant t : throttled) {
                Instant from = t.plus(margin);
                Instant to = t.plus(Duration.ofMillis((long) (timeoutSeconds * 1000))).minus(margin);
                assertThat(entries).filteredOn(e -> e.receivedAt().isAfter(from) && e.receivedAt().isBefore(to))
                        .as("merges inside the throttle window starting %s", t).isEmpty();
            }
        }
    }

    @Test
    void twoWorkersOnOnePostgresDatabaseShareTheWorkAndNeverDuplicate() {
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withLatency(5, 15).withDropAfterMerge(0.05)).build());
             PipelineHarness h = new PipelineHarness(DatabaseKind.POSTGRES, sim)) {
            long batch = h.batch();
            h.submit(batch, 0, 300, 42);
            h.startWorker("w1", 8);
            h.startWorker("w2", 8);
            await("all terminal", DEADLINE, () -> h.allTerminal(batch));

            assertThat(h.statesOf(batch)).isEqualTo(Map.of("provisioned", 300L));
            assertThat(h.duplicateCreations()).isEmpty();
            var byWorker = DatabaseFixture.dsl(h.db).select(DEVICE_EVENT.WORKER).from(DEVICE_EVENT)
                    .where(DEVICE_EVENT.TYPE.eq(DeviceEvent.Type.PROVISIONED.id())).fetch(DEVICE_EVENT.WORKER);
            assertThat(byWorker).contains("w1", "w2");
        }
    }

    /**
     * A worker that starts after the submit got no range of the batch: the running ranges offer their rest
     * every poll interval and, while its threads stand idle, hand half of it over.
     */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aWorkerStartedAfterTheSubmitTakesOverPartOfTheRunningRanges(DatabaseKind kind) {
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withLatency(40, 60)).build());
             PipelineHarness h = new PipelineHarness(kind, sim)) {
            h.startWorker("early", 2);
            await("the first worker's job server announced", DEADLINE,
                    () -> !h.jobs.provider().getBackgroundJobServers().isEmpty());
            long batch = h.batch();
            h.submit(batch, 0, 300, 42);
            assertThat(h.jobs.provider().countJobs(StateName.ENQUEUED) + h.jobs.provider().countJobs(StateName.PROCESSING))
                    .as("one range per thread of the only worker running").isEqualTo(2);
            h.startWorker("late", 2);
            await("all terminal", DEADLINE, () -> h.allTerminal(batch));

            assertThat(h.statesOf(batch)).isEqualTo(Map.of("provisioned", 300L));
            assertThat(h.duplicateCreations()).isEmpty();
            Map<String, Long> byWorker = DatabaseFixture.dsl(h.db).select(DEVICE_EVENT.WORKER).from(DEVICE_EVENT)
                    .where(DEVICE_EVENT.TYPE.eq(DeviceEvent.Type.PROVISIONED.id())).fetch(DEVICE_EVENT.WORKER).stream()
                    .collect(Collectors.groupingBy(w -> w, Collectors.counting()));
            assertThat(byWorker.get("late")).as("provisioned by the worker started after the submit: %s", byWorker)
                    .isNotNull().isPositive();
        }
    }

    /**
     * A range job whose own devices are done takes over the batch's other queued devices from the top, so
     * threads whose ranges end first do not stand idle while the others finish. Here one job covers the
     * batch's first 20 devices only: it provisions all 200, and no other job is needed (the sweeper leaves a
     * batch alone while a range job of it runs; without the take-over it woke the other 180 in jobs of
     * their own once the range job had ended).
     */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aRangeJobWhoseDevicesAreDoneTakesOverTheRestOfItsBatch(DatabaseKind kind) {
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withLatency(0, 5)).build());
             PipelineHarness h = new PipelineHarness(kind, sim)) {
            long batch = h.batch();
            List<Long> ids = h.insert(batch, 0, 200, 42);
            new JobRequestScheduler(h.jobs.provider()).create(JobBuilder.aJob()
                    .withJobRequest(new ProvisionBatchRange(batch, ids.get(0), ids.get(19))));
            h.startWorker("w", 2);
            await("all terminal", DEADLINE, () -> h.allTerminal(batch));

            assertThat(h.statesOf(batch)).isEqualTo(Map.of("provisioned", 200L));
            assertThat(h.duplicateCreations()).isEmpty();
            h.countersExact();
            for (StateName state : List.of(StateName.SCHEDULED, StateName.ENQUEUED, StateName.PROCESSING,
                    StateName.SUCCEEDED)) {
                assertThat(QueuedDevices.in(h.jobs, state)).as("devices in jobs of their own, %s", state).isEmpty();
            }
        }
    }

    @Test
    void cancelledAndPausedBatchesAreNeverSent() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults());
             PipelineHarness h = new PipelineHarness(DatabaseKind.H2, sim)) {
            long paused = h.batch();
            long cancelled = h.batch();
            long normal = h.batch();
            h.control.pause(h.operator(), paused);
            h.submit(paused, 0, 10, 42);
            h.submit(cancelled, 10, 20, 42);
            assertThat(h.control.cancel(h.operator(), cancelled)).isEqualTo(10);
            h.submit(normal, 20, 30, 42);
            h.startWorker("w1", 4);
            await("normal batch done", DEADLINE, () -> h.allTerminal(normal));

            assertThat(h.statesOf(cancelled)).isEqualTo(Map.of("cancelled", 10L));
            assertThat(h.statesOf(paused)).isEqualTo(Map.of("queued", 10L));
            for (int n = 0; n < 20; n++) {
                assertThat(sim.ledger().forProvider(providerId(n))).isEmpty();
            }
            assertThat(h.eventTypes(providerId(10))).containsExactly(DeviceEvent.Type.QUEUED, DeviceEvent.Type.CANCELLED);

            h.control.resume(h.operator(), paused);
            await("resumed batch done", DEADLINE, () -> h.allTerminal(paused));
            assertThat(h.statesOf(paused)).isEqualTo(Map.of("provisioned", 10L));
            assertThat(h.duplicateCreations()).isEmpty();
        }
    }

    @Test
    void anUnreachableServerAndMaintenanceHoldDevicesWithoutFailingThem() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults());
             PipelineHarness h = new PipelineHarness(DatabaseKind.H2, sim)) {
            // connections refused: the port is closed (the simulator's refuseConnections fault leaves a
            // first connection hanging in its handshake, see the report)
            sim.stopServer();
            long batch = h.batch();
            h.submit(batch, 0, 20, 42);
            h.startWorker("w1", 4);
            await("attempts made while refused", DEADLINE, () -> h.eventTypes(providerId(0))
                    .contains(DeviceEvent.Type.RETRY_SCHEDULED));
            assertThat(h.statesOf(batch)).doesNotContainKeys("failed", "provisioned");
            sim.startServer();
            await("connected and done", DEADLINE, () -> h.allTerminal(batch));
            assertThat(h.statesOf(batch)).isEqualTo(Map.of("provisioned", 20L));

            // maintenance announced by broadcast: published to every worker, nothing sent inside it
            long second = h.batch();
            Duration lasts = Duration.ofSeconds(4);
            Instant start = Instant.now();
            sim.broadcastMaintenance(Duration.ZERO, lasts, "database upgrade");
            await("maintenance shared", DEADLINE, () -> h.pipeline.read().maintenanceUntil().isPresent());
            h.submit(second, 20, 40, 42);
            await("second batch done", DEADLINE, () -> h.allTerminal(second));
            assertThat(h.statesOf(second)).isEqualTo(Map.of("provisioned", 20L));
            Instant end = start.plus(lasts);
            assertThat(sim.ledger().entries()).filteredOn(e -> e.providerId().compareTo(providerId(20)) >= 0)
                    .allSatisfy(e -> assertThat(e.receivedAt()).isAfterOrEqualTo(end.minusMillis(300)));
            assertThat(h.duplicateCreations()).isEmpty();
        }
    }

    /**
     * A throttle and a maintenance window another worker published both hold this worker until the later
     * ends; the local hold is a throttle when the throttle ends last, so it is not published back as a
     * longer maintenance window (the kind of a pause is an enum, not read from its reason text).
     */
    @Test
    void aSharedThrottleOutlastingMaintenanceIsNotPublishedAsMaintenance() {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults());
             PipelineHarness h = new PipelineHarness(DatabaseKind.H2, sim)) {
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Instant maintenanceEnds = now.plusSeconds(5);
            Instant throttleEnds = now.plusSeconds(8);
            h.pipeline.maintenanceUntil(maintenanceEnds, now);
            h.pipeline.throttleUntil(throttleEnds, now);
            long batch = h.batch();
            h.submit(batch, 0, 10, 42);
            h.startWorker("w1", 4);
            await("done after the holds", DEADLINE, () -> h.allTerminal(batch));
            assertThat(h.statesOf(batch)).isEqualTo(Map.of("provisioned", 10L));
            assertThat(h.pipeline.read().maintenanceUntil()).contains(maintenanceEnds);
            assertThat(sim.ledger().entries())
                    .allSatisfy(e -> assertThat(e.receivedAt()).isAfterOrEqualTo(throttleEnds.minusMillis(300)));
        }
    }
}
