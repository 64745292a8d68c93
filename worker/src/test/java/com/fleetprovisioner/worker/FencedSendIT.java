package com.fleetprovisioner.worker;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.worker.testing.PipelineHarness.await;
import static com.fleetprovisioner.worker.testing.PipelineHarness.providerId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fleetprovisioner.fleetfreedom.Command;
import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.FleetFreedomApi;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.PauseGate;
import com.fleetprovisioner.fleetfreedom.Request;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.core.provisioning.DeviceDetail;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.ProvisioningService;
import com.fleetprovisioner.core.provisioning.RetryPolicy;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.RecordingQueue;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.worker.testing.PipelineHarness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Exactly once, fenced at the wire: a {@code mergeProvider} frame is written only while its device's
 * lease still holds with room for the answer. Attempts are driven by hand through
 * {@link ProvisioningService} (no job server), against the real client, database and simulator, so
 * that each test decides exactly when a worker is held and when its lease ends. Leases are 8 s and the
 * reply timeout 1 s, so a send must be written within 8 − 5 (margin) − 1 = 2 s of its write-ahead mark.
 */
class FencedSendIT {
    private static final Duration LEASE = Duration.ofSeconds(8);
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final Clock CLOCK = Clock.systemUTC();

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aMergeHeldBehindAPausePastItsDeadlineIsNeverWrittenAndGoesBackToTheQueue(DatabaseKind kind) {
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().build());
             PipelineHarness h = new PipelineHarness(kind, sim)) {
            long device = h.submit(h.batch(), 0, 1, 42).get(0);
            PauseGate gate = new PauseGate(CLOCK);
            try (SessionSupervisor a = connected(h, gate)) {
                // maintenance announced the moment the reconcile answered: the merge queues behind it
                FleetFreedomApi pausedAfterReconcile = afterGetProvider(a, outcome -> {
                    gate.pauseFor(Duration.ofHours(1), PauseGate.Kind.MAINTENANCE, "test: maintenance");
                    return outcome;
                });
                ProvisioningService worker = service(h, pausedAfterReconcile, "worker-a");

                assertTimeoutPreemptively(HANG_GUARD, () -> worker.process(device));

                DeviceDetail d = h.devices.findById(device).orElseThrow();
                assertThat(d.state()).as("back in the queue, not sending, retrying or failed").isEqualTo(DeviceState.QUEUED);
                assertThat(d.outcomeUnknown()).as("never written, so nothing to reconcile").isFalse();
                assertThat(d.sentAt()).as("the write-ahead mark of a merge never written is forgotten").isEmpty();
                assertThat(d.attempts()).as("the pipeline's pause is not the device's attempt").isZero();
                assertThat(d.events()).filteredOn(e -> e.type().equals(DeviceEvent.Type.RETRY_SCHEDULED))
                        .singleElement().satisfies(e -> {
                            assertThat(e.text().key()).isEqualTo("event.text.notSent");
                            assertThat(e.text().args().get(0)).isEqualTo("mergeProvider");
                        });

                // the pause ends: the dispatcher passes the expired merge by, a later command is answered
                gate.clear();
                assertThat(a.noop().join().isSuccess()).isTrue();
                assertThat(merges(sim)).as("mergeProvider frames the simulator received").isZero();
                assertThat(sim.ledger().forProvider(providerId(0))).isEmpty();
            }
            // another attempt, unpaused, checks first (the mark was forgotten) and adds it once
            try (SessionSupervisor b = connected(h, new PauseGate(CLOCK))) {
                ProvisioningService workerB = service(h, b, "worker-b");
                // an attempt before the device's next attempt time does nothing; the hang guard bounds the wait
                await("worker B provisions it once it is due", HANG_GUARD, () -> {
                    workerB.process(device);
                    return h.devices.findById(device).orElseThrow().state() == DeviceState.PROVISIONED;
                });
            }
            assertThat(h.eventTypes(device, "worker-b")).containsSubsequence(DeviceEvent.Type.RECONCILED, DeviceEvent.Type.SENT,
                    DeviceEvent.Type.PROVISIONED);
            assertThat(sim.ledger().forProvider(providerId(0))).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aSecondWorkerTakesOverExpiredLeasesWhileTheFirstIsHeldAndEachDeviceIsMergedOnce(DatabaseKind kind)
            throws Exception {
        int count = 6;
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().build());
             PipelineHarness h = new PipelineHarness(kind, sim);
             SessionSupervisor a = connected(h, new PauseGate(CLOCK));
             SessionSupervisor b = connected(h, new PauseGate(CLOCK))) {
            List<Long> devices = h.submit(h.batch(), 0, count, 42);
            // worker A stalls between its write-ahead mark and the client (a long GC pause, a frozen
            // VM): its merges reach the client only once the test lets them go
            CountDownLatch held = new CountDownLatch(count);
            CompletableFuture<Void> release = new CompletableFuture<>();
            FleetFreedomApi stalling = new FleetFreedomApi() {
                @Override
                public <T> CompletableFuture<CommandOutcome<T>> execute(Request<T> request) {
                    if (!(request.command() instanceof Command.MergeProvider)) {
                        return a.execute(request);
                    }
                    held.countDown();
                    return release.thenCompose(x -> a.execute(request));
                }
            };
            ProvisioningService workerA = service(h, stalling, "worker-a");
            ProvisioningService workerB = service(h, b, "worker-b");
            ExecutorService threads = Executors.newFixedThreadPool(count);
            try {
                List<Future<ProvisioningService.Result>> first = devices.stream()
                        .map(id -> threads.submit(() -> workerA.process(id))).toList();
                assertThat(held.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).as("A marked every device").isTrue();

                // while A's leases hold, B gets nothing
                assertThat(workerB.process(devices.get(0))).isEqualTo(new ProvisioningService.Result.Done());
                assertThat(leaseOwner(h, devices.get(0))).isEqualTo("worker-a");

                await("A's leases to end", HANG_GUARD, () -> leasesEnded(h, devices));
                for (long id : devices) {
                    assertTimeoutPreemptively(HANG_GUARD, () -> workerB.process(id));
                }
                assertThat(h.statesOf(h.devices.findById(devices.get(0)).orElseThrow().batchId()))
                        .isEqualTo(java.util.Map.of("provisioned", (long) count));
                // what B's log says for the minute: every device it took over, provisioned
                assertThat(workerB.tally().drain()).contains("provisioned " + count);

                // A wakes up and hands its merges to the client, long past their write-by deadline
                release.complete(null);
                for (Future<ProvisioningService.Result> f : first) {
                    f.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(a.noop().join().isSuccess()).as("A's connection is alive: it chose not to write").isTrue();
            for (int n = 0; n < count; n++) {
                assertThat(sim.ledger().forProvider(providerId(n))).as("merges of device %d", n).hasSize(1);
            }
            assertThat(merges(sim)).isEqualTo(count);
            for (long id : devices) {
                DeviceDetail d = h.devices.findById(id).orElseThrow();
                assertThat(d.state()).isEqualTo(DeviceState.PROVISIONED);
                assertThat(h.eventTypes(id, "worker-a")).doesNotContain(DeviceEvent.Type.PROVISIONED, DeviceEvent.Type.FAILED);
                assertThat(h.eventTypes(id, "worker-b")).containsSubsequence(DeviceEvent.Type.RECONCILED, DeviceEvent.Type.SENT,
                        DeviceEvent.Type.PROVISIONED);
            }
            h.countersExact();
        }
    }

    private static SessionSupervisor connected(PipelineHarness h, PauseGate gate) {
        FleetFreedomConfig config = h.fleetFreedom().withCommandTimeout(Duration.ofSeconds(1));
        SessionSupervisor supervisor = new SessionSupervisor(config, gate, CLOCK);
        supervisor.start();
        supervisor.connected().orTimeout(HANG_GUARD.toSeconds(), TimeUnit.SECONDS).join();
        return supervisor;
    }

    private static ProvisioningService service(PipelineHarness h, FleetFreedomApi api, String name) {
        RetryPolicy retry = RetryPolicy.of(PipelineHarness.SETTINGS);
        return new ProvisioningService(h.devices, h.pipeline, api, local -> local, h.secrets,
                () -> retry, new RecordingQueue(), CLOCK, LEASE, name);
    }

    /** The real session, with something done to each outcome as it comes back (before the caller sees it). */
    private static FleetFreedomApi afterGetProvider(FleetFreedomApi real, UnaryOperator<CommandOutcome<?>> then) {
        return new FleetFreedomApi() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> CompletableFuture<CommandOutcome<T>> execute(Request<T> request) {
                CompletableFuture<CommandOutcome<T>> answer = real.execute(request);
                return request.command() instanceof Command.GetProvider
                        ? answer.thenApply(o -> (CommandOutcome<T>) then.apply(o)) : answer;
            }
        };
    }

    private static long merges(Simulator sim) {
        return sim.receipts().all().stream().filter(r -> r.command().equals("mergeProvider")).count();
    }

    private static String leaseOwner(PipelineHarness h, long device) {
        return DatabaseFixture.dsl(h.db).select(DEVICE.LEASE_OWNER).from(DEVICE).where(DEVICE.ID.eq(device)).fetchOne(DEVICE.LEASE_OWNER);
    }

    private static boolean leasesEnded(PipelineHarness h, List<Long> devices) {
        Instant now = CLOCK.instant();
        return DatabaseFixture.dsl(h.db).fetchCount(DEVICE, DEVICE.ID.in(devices).and(DEVICE.LEASE_UNTIL.ge(now))) == 0;
    }
}
