package com.fleetprovisioner.simulator;

import static com.fleetprovisioner.simulator.testing.Fixtures.await;
import static com.fleetprovisioner.simulator.testing.Fixtures.device;
import static com.fleetprovisioner.simulator.testing.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.ConnectionState;
import com.fleetprovisioner.fleetfreedom.FleetFreedomClient;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.Listings;
import com.fleetprovisioner.fleetfreedom.PauseGate;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Fleet Freedom going away and coming back, with the product's own connection settings (30 s connect timeout,
 * backoff doubling from 1 s to 300 s): while the simulator refuses connections the client is not connected and
 * keeps trying; once it accepts again the client is logged in again within the bound its configuration gives
 * ({@link SessionSupervisor#recoveryBound()}). Commands asked for during the outage are done exactly once.
 */
class OutageRecoveryIT {

    private static SessionSupervisor connected(Simulator simulator, UnaryOperator<FleetFreedomConfig> tweak) {
        SessionSupervisor supervisor = new SessionSupervisor(tweak.apply(
                FleetFreedomConfig.of(simulator.webSocketUri(), "ops@example.com", "secret")),
                new PauseGate(Clock.systemUTC()), Clock.systemUTC());
        supervisor.start();
        await(supervisor.connected());
        return supervisor;
    }

    /** Polls until the condition holds; failing after {@code bound}, which is the thing being checked. */
    private static void within(Duration bound, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + bound);
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Drops every session and refuses new connections; waits until the client has seen at least one refusal. */
    private static void outage(Simulator simulator, SessionSupervisor supervisor, int refusals) {
        FleetFreedomClient before = supervisor.currentClient().orElseThrow();
        simulator.faults().update(f -> f.withRefuseConnections(true));
        simulator.restart();
        await(before.onClosed());
        assertThat(supervisor.currentClient()).isEmpty();
        assertThat(supervisor.status().state()).isIn(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING);
        // the lost session is the first failure; each refused attempt adds one
        within(supervisor.recoveryBound(), refusals + " refused attempts",
                () -> supervisor.consecutiveFailures() >= 1 + refusals);
        assertThat(supervisor.currentClient()).isEmpty();
    }

    private static void backAgain(Simulator simulator, SessionSupervisor supervisor) {
        simulator.faults().update(f -> f.withRefuseConnections(false));
        // the status follows the client's login by one hop of the supervisor's thread
        within(supervisor.recoveryBound(), "logging in again", () -> supervisor.currentClient().isPresent()
                && supervisor.status().state() == ConnectionState.CONNECTED);
        assertThat(supervisor.consecutiveFailures()).isZero();
    }

    @Test
    void afterConnectionsWereRefusedTheClientLogsInAgainWithinItsOwnBoundAndResumesItsSession() {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
             SessionSupervisor supervisor = connected(simulator, c -> c)) {
            assertThat(supervisor.recoveryBound()).as("the product defaults").isEqualTo(Duration.ofSeconds(420));
            String ghostId = supervisor.currentClient().orElseThrow().ghostId().orElseThrow();

            outage(simulator, supervisor, 2);
            CompletableFuture<CommandOutcome<Listings.ProviderRef>> whileDown = supervisor.mergeProvider(device(11));
            assertThat(whileDown).isNotDone();

            backAgain(simulator, supervisor);
            assertThat(success(await(whileDown)).id()).isEqualTo(device(11).id());
            assertThat(supervisor.currentClient().orElseThrow().ghostId()).as("the saved session was resumed")
                    .contains(ghostId);
            assertThat(simulator.ledger().creations(device(11).id())).isEqualTo(1);
        }
    }

    @Test
    void anOutageThatFlapsSeveralTimesEndsLoggedInEachTimeWithEveryCommandDoneOnce() {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
             SessionSupervisor supervisor = connected(simulator, c -> c)) {
            for (int round = 0; round < 4; round++) {
                outage(simulator, supervisor, 1 + round % 2);
                CompletableFuture<CommandOutcome<Listings.ProviderRef>> whileDown =
                        supervisor.mergeProvider(device(20 + round));
                // accepting for a moment and refusing again, twice, while the client is waiting to retry
                for (int flap = 0; flap < 2; flap++) {
                    simulator.faults().update(f -> f.withRefuseConnections(false));
                    simulator.faults().update(f -> f.withRefuseConnections(true));
                    simulator.restart();
                }
                backAgain(simulator, supervisor);
                assertThat(success(await(whileDown)).id()).isEqualTo(device(20 + round).id());
                success(await(supervisor.getProvider(device(20 + round).id(), false)));
            }
            for (int round = 0; round < 4; round++) {
                assertThat(simulator.ledger().creations(device(20 + round).id())).as("round " + round).isEqualTo(1);
            }
        }
    }

    @Test
    void reconnectNowCutsALongBackoffDelayShortAndIsHarmlessWhenRepeatedOrConnected() {
        Duration tenMinutes = Duration.ofMinutes(10);
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
             SessionSupervisor supervisor = connected(simulator, c -> c.withBackoff(tenMinutes, tenMinutes))) {
            FleetFreedomClient first = supervisor.currentClient().orElseThrow();
            for (int i = 0; i < 50; i++) {
                supervisor.reconnectNow();
            }
            assertThat(supervisor.currentClient()).as("nothing happens while connected").containsSame(first);

            simulator.faults().update(f -> f.withRefuseConnections(true));
            simulator.restart();
            await(first.onClosed());
            within(Duration.ofSeconds(30), "the lost session noticed", () -> supervisor.consecutiveFailures() >= 1);
            for (int i = 0; i < 50; i++) {
                supervisor.reconnectNow(); // each refused at once; at most one attempt at a time
            }
            within(Duration.ofSeconds(30), "a nudged attempt refused", () -> supervisor.consecutiveFailures() >= 2);
            assertThat(supervisor.consecutiveFailures()).isBetween(2, 51);
            assertThat(supervisor.currentClient()).isEmpty();

            simulator.faults().update(f -> f.withRefuseConnections(false));
            // the backoff delay is 5 to 10 minutes now: without the nudge nothing happens before it ends
            Duration withoutBackoff = supervisor.recoveryBound().minus(tenMinutes);
            within(withoutBackoff, "logging in after a nudge", () -> {
                supervisor.reconnectNow();
                return supervisor.currentClient().isPresent();
            });
            assertThat(success(await(supervisor.mergeProvider(device(30)))).id()).isEqualTo(device(30).id());
        }

        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
             SessionSupervisor supervisor = connected(simulator, c -> c)) {
            supervisor.close();
            supervisor.reconnectNow(); // after close: nothing, no exception
            assertThat(supervisor.status().state()).isIn(ConnectionState.STOPPED, ConnectionState.CONNECTED);
        }
    }
}
