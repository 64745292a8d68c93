package com.fleetprovisioner.worker;

import static com.fleetprovisioner.worker.testing.PipelineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.PauseGate;
import com.fleetprovisioner.fleetfreedom.Request;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.core.pacing.RatePhase;
import com.fleetprovisioner.core.pacing.SendRate;
import com.fleetprovisioner.core.pacing.SharedPacer;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.pacing.JooqSendBudgetStore;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import com.fleetprovisioner.simulator.FaultSettings;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shared send budget without the rest of the pipeline: three senders, each with its own session,
 * pause gate, pacer and database connection (as three worker processes have), keep as many commands
 * in flight as they may, so that the budget alone decides how fast they go. Counts are taken at the
 * simulator over a window: 10 s for the fixed rate, 30 s (half the minute the throttle rule speaks of)
 * after learning. {@code PacingIT} shows the same with three worker JVMs and the whole pipeline.
 */
class SharedBudgetIT {
    private static final int SENDERS = 3;
    private static final int IN_FLIGHT = 48;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void threeSendersWithAFixedRateOf60KeepWithin10PercentOfItTogether(DatabaseKind kind) throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withLatency(10, 30)).build());
             Database db = TestDatabases.migrated(kind);
             Senders senders = new Senders(sim, db, SendRate.of(60))) {
            Thread.sleep(2000); // past the start, when all three are sending
            Instant from = Instant.now();
            Thread.sleep(10_000);
            long received = sim.receipts().all().stream().filter(r -> !r.command().equals("login"))
                    .filter(r -> inWindow(r.receivedAt(), from, from.plusSeconds(10))).count();
            System.out.printf("SharedBudgetIT %s fixed 60/s: %.1f commands/s at the simulator%n", kind, received / 10.0);
            assertThat(received / 10.0).as("commands/s from three senders at 60/s together").isBetween(54.0, 66.0);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void adaptiveFindsA400PerSecondLimitAndSettlesBelowIt(DatabaseKind kind) throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withLatency(50, 50).withThrottle(0, 1000, 1.0).withCommandRateLimit(400))
                .build());
             Database db = TestDatabases.migrated(kind);
             Senders senders = new Senders(sim, db, SendRate.of(SendRate.AUTO))) {
            JooqSendBudgetStore store = new JooqSendBudgetStore(DatabaseFixture.dsl(db));
            await("the rate settles after learning", Duration.ofSeconds(120),
                    () -> store.read().phase() == RatePhase.SETTLED);
            assertThat(sim.commandRate().refusals()).as("learning found the limit by being throttled").isNotEmpty();
            Instant from = Instant.now();
            Thread.sleep(30_000);
            Instant to = from.plusSeconds(30);
            long received = sim.receipts().all().stream().filter(r -> r.command().equals("getProvider"))
                    .filter(r -> inWindow(r.receivedAt(), from, to)).count();
            long throttled = sim.commandRate().refusals().stream().filter(t -> inWindow(t, from, to)).count();
            double accepted = (received - throttled) / 30.0;
            System.out.printf("SharedBudgetIT %s adaptive, limit 400/s: %.1f commands/s answered, %d throttled in 30 s,"
                    + " rate %.0f/s, %d throttle answers while learning%n", kind, accepted, throttled, store.read().rate(),
                    sim.commandRate().refusals().stream().filter(t -> t.isBefore(from)).count());
            assertThat(accepted).as("commands/s answered after learning (two per device: >= 100 devices/s)")
                    .isGreaterThanOrEqualTo(200);
            assertThat(throttled).as("throttle answers in 30 s after learning").isLessThanOrEqualTo(1);
            assertThat(store.read().rate()).as("settled below the limit").isLessThan(400);
        }
    }

    private static boolean inWindow(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    /** Three sessions, each keeping {@link #IN_FLIGHT} getProvider commands going until closed. */
    private static final class Senders implements AutoCloseable {
        private final List<SessionSupervisor> supervisors = new ArrayList<>();
        private final AtomicBoolean stop = new AtomicBoolean();

        Senders(Simulator sim, Database db, SendRate rate) throws Exception {
            FleetFreedomConfig config = FleetFreedomConfig.of(sim.webSocketUri(), "ops@example.com", "secret")
                    .withCommandTimeout(Duration.ofSeconds(10)).withPacing(rate.perSecond(), IN_FLIGHT);
            for (int i = 0; i < SENDERS; i++) {
                SessionSupervisor s = new SessionSupervisor(config, new PauseGate(Clock.systemUTC()),
                        new SharedPacer(new JooqSendBudgetStore(DatabaseFixture.dsl(db)), () -> rate), Clock.systemUTC());
                s.start();
                s.connected().get(30, TimeUnit.SECONDS);
                supervisors.add(s);
            }
            for (SessionSupervisor s : supervisors) {
                for (int n = 0; n < IN_FLIGHT; n++) {
                    keepSending(s, n);
                }
            }
        }

        private void keepSending(SessionSupervisor s, int n) {
            if (!stop.get()) {
                s.execute(Request.getProvider("35693804" + String.format("%07d", n), false))
                        .whenComplete((outcome, error) -> keepSending(s, n));
            }
        }

        @Override
        public void close() {
            stop.set(true);
            supervisors.forEach(SessionSupervisor::close);
        }
    }
}
