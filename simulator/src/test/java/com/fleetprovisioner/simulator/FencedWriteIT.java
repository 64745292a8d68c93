package com.fleetprovisioner.simulator;

import static com.fleetprovisioner.simulator.testing.Fixtures.await;
import static com.fleetprovisioner.simulator.testing.Fixtures.device;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.FleetFreedomClient;
import com.fleetprovisioner.fleetfreedom.PauseGate;
import com.fleetprovisioner.fleetfreedom.Request;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.simulator.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The client's fence: a command with a settle-by deadline is written only before that deadline less the
 * reply timeout, checked immediately before the write, and ended unsent by a timer while it waits.
 */
class FencedWriteIT {

    /** A clock the test moves, so that "the deadline passed while it waited" needs no waiting. */
    private static final class MovedClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aCommandWhoseDeadlinePassedBehindThePauseIsNotWrittenWhenThePauseEnds() {
        MovedClock clock = new MovedClock();
        PauseGate gate = new PauseGate(clock);
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().build());
             FleetFreedomClient client = new FleetFreedomClient(Fixtures.config(sim), gate, clock, null)) {
            await(client.connect());
            gate.pauseFor(Duration.ofHours(1), PauseGate.Kind.MAINTENANCE, "test: maintenance");
            // reply timeout 10 s: to be settled in 60 s it must be written within 50 s
            CompletableFuture<CommandOutcome<com.fleetprovisioner.fleetfreedom.Listings.ProviderRef>> merge =
                    client.execute(Request.mergeProvider(device(1)).settledBy(clock.instant().plusSeconds(60)));
            clock.advance(Duration.ofMinutes(2));
            assertThat(merge).as("still waiting behind the pause").isNotDone();
            gate.clear();

            assertThat(await(merge)).isInstanceOfSatisfying(CommandOutcome.NotSent.class,
                    n -> assertThat(n.why()).isEqualTo(CommandOutcome.NotSent.Why.DEADLINE_PASSED));
            assertThat(await(client.noop()).isSuccess()).as("the connection carries on").isTrue();
            assertThat(sim.receipts().all()).noneMatch(r -> r.command().equals("mergeProvider"));
            assertThat(sim.ledger().entries()).isEmpty();
        }
    }

    @Test
    void aWaitingCommandGivesUpAtItsDeadlineWhileThePauseLastsAndFreesItsInFlightSlot() {
        Clock clock = Clock.systemUTC();
        PauseGate gate = new PauseGate(clock);
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().build());
             FleetFreedomClient client = new FleetFreedomClient(Fixtures.config(sim)
                     .withCommandTimeout(Duration.ofSeconds(1)).withPacing(0, 1), gate, clock, null)) {
            await(client.connect());
            gate.pauseFor(Duration.ofHours(1), PauseGate.Kind.MAINTENANCE, "test: maintenance");
            var merge = client.execute(Request.mergeProvider(device(2)).settledBy(clock.instant().plusSeconds(2)));

            assertThat(await(merge)).isInstanceOf(CommandOutcome.NotSent.class);
            assertThat(gate.current()).as("the pause still holds: the deadline, not the pause, ended it").isPresent();
            gate.clear();
            // one command in flight at most: an answer now shows the expired command gave its slot back
            assertThat(await(client.execute(Request.mergeProvider(device(3)))).isSuccess()).isTrue();
            assertThat(sim.ledger().entries()).extracting(Ledger.Entry::providerId)
                    .containsExactly(device(3).id());
        }
    }

    /**
     * A command the server refused after it was written (session expired) goes back to the queue to be sent
     * again after a new login. It used to lose its write-by timer there and end only when taken again, after
     * the login: its caller could wait past the lease it was fenced for.
     */
    @Test
    void aCommandPutBackAfterTheServerRefusedItStillGivesUpAtItsDeadline() {
        Clock clock = Clock.systemUTC();
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().build());
             FleetFreedomClient client = new FleetFreedomClient(Fixtures.config(sim), new PauseGate(clock), clock, null)) {
            await(client.connect());
            String ghostBefore = client.ghostId().orElseThrow();
            sim.expireSessions();
            sim.faults().update(f -> f.withLatency(5000, 5000));
            // reply timeout 10 s: to be settled in 16 s it must be written within 6 s. It is written at once,
            // refused after 5 s (session expired) and put back; the new login is answered 5 s after that
            var merge = client.execute(Request.mergeProvider(device(5)).settledBy(clock.instant().plusSeconds(16)));

            assertThat(await(merge)).isInstanceOfSatisfying(CommandOutcome.NotSent.class,
                    n -> assertThat(n.why()).isEqualTo(CommandOutcome.NotSent.Why.DEADLINE_PASSED));
            assertThat(client.ghostId()).as("ended while the client was still logging in again").contains(ghostBefore);
            assertThat(sim.ledger().forProvider(device(5).id())).extracting(Ledger.Entry::outcome)
                    .containsExactly(Ledger.Outcome.SESSION_ERROR);
        }
    }

    @Test
    void theSupervisorDoesNotWaitForAConnectionPastTheDeadlineNorHandTheCommandToTheNextOne() {
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().build());
             SessionSupervisor supervisor = Fixtures.connected(sim)) {
            Instant late = Instant.now().plus(Fixtures.config(sim).commandTimeout()).minusSeconds(1);
            var outcome = await(supervisor.execute(Request.mergeProvider(device(4)).settledBy(late)));

            assertThat(outcome).isInstanceOfSatisfying(CommandOutcome.NotSent.class,
                    n -> assertThat(n.why()).isEqualTo(CommandOutcome.NotSent.Why.DEADLINE_PASSED));
            assertThat(sim.ledger().entries()).isEmpty();
        }
    }
}
