package com.fleetprovisioner.simulator;

import static com.fleetprovisioner.simulator.testing.Fixtures.await;
import static com.fleetprovisioner.simulator.testing.Fixtures.connected;
import static com.fleetprovisioner.simulator.testing.Fixtures.device;
import static com.fleetprovisioner.simulator.testing.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.ErrorCode;
import com.fleetprovisioner.fleetfreedom.ErrorDetails;
import com.fleetprovisioner.fleetfreedom.FleetFreedomClient;
import com.fleetprovisioner.fleetfreedom.Listings;
import com.fleetprovisioner.fleetfreedom.NewProvider;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each fault the simulator can inject, and the classification the client gives it. */
class FaultInjectionIT {

    private Simulator simulator;
    private SessionSupervisor supervisor;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.defaults());
        supervisor = connected(simulator);
    }

    @AfterEach
    void stop() {
        supervisor.close();
        simulator.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void unknownAndServiceErrorsAreRetryable(int code) {
        simulator.faults().update(f -> f.withErrorRate(code, 1.0));
        CommandOutcome<Listings.ProviderRef> outcome = await(supervisor.mergeProvider(device(1)));
        assertThat(outcome).isInstanceOfSatisfying(CommandOutcome.Retryable.class,
                r -> assertThat(r.code()).isEqualTo(ErrorCode.of(code)));
        assertThat(simulator.world().provider(device(1).id())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 6, 28, 48, 61, 130})
    void inputAndPermissionErrorsArePermanentWithAReason(int code) {
        simulator.faults().update(f -> f.withErrorRate(code, 1.0));
        CommandOutcome<Listings.ProviderRef> outcome = await(supervisor.mergeProvider(device(1)));
        assertThat(outcome).isInstanceOfSatisfying(CommandOutcome.Permanent.class, p -> {
            assertThat(p.code()).isEqualTo(ErrorCode.of(code));
            assertThat(p.reason()).isNotBlank();
        });
    }

    @Test
    void realValidationErrorsArePermanentWithDetails() {
        var outcome = await(supervisor.mergeProvider(NewProvider.of("356938035643809", "gps-thing", 42)));
        assertThat(outcome).isInstanceOf(CommandOutcome.Permanent.class);
        var permanent = (CommandOutcome.Permanent<Listings.ProviderRef>) outcome;
        assertThat(permanent.code()).isEqualTo(ErrorCode.invalidData);
        assertThat(permanent.reason()).contains("gps-thing");
        assertThat(permanent.details()).get().isInstanceOf(ErrorDetails.EnumValue.class);
        assertThat(((ErrorDetails.EnumValue) permanent.details().orElseThrow()).valid()).contains("calamp", "queclink");
        var notOurs = await(supervisor.mergeProvider(NewProvider.of("356938035643809", "calamp", 4711)));
        assertThat(notOurs).isInstanceOfSatisfying(CommandOutcome.Permanent.class,
                p -> assertThat(p.code()).isEqualTo(ErrorCode.companyNotFound));
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 14, 16})
    void accountProblemsStopEverything(int code) {
        simulator.faults().update(f -> f.withErrorRate(code, 1.0));
        CommandOutcome<Listings.ProviderRef> first = await(supervisor.mergeProvider(device(1)));
        assertThat(first).isInstanceOfSatisfying(CommandOutcome.Stop.class,
                s -> assertThat(s.code()).isEqualTo(ErrorCode.of(code)));
        simulator.faults().reset();
        CommandOutcome<Listings.ProviderRef> second = await(supervisor.mergeProvider(device(2)));
        assertThat(second).isInstanceOf(CommandOutcome.Stop.class);
        assertThat(simulator.ledger().forProvider(device(2).id())).isEmpty();
    }

    @Test
    void wrongPasswordStopsTheSupervisor() {
        var config = new com.fleetprovisioner.fleetfreedom.FleetFreedomConfig(simulator.webSocketUri(),
                "ops@example.com", "not-the-password", "test", Duration.ofSeconds(10), Duration.ofSeconds(300),
                Duration.ofSeconds(5), 0, 8, Duration.ofMillis(50), Duration.ofMillis(400), 3);
        try (SessionSupervisor s = new SessionSupervisor(config)) {
            s.start();
            CommandOutcome<Listings.ProviderRef> outcome = await(s.mergeProvider(device(1)));
            assertThat(outcome).isInstanceOfSatisfying(CommandOutcome.Stop.class,
                    stop -> assertThat(stop.code()).isEqualTo(ErrorCode.invalidCredentials));
            assertThat(config.toString()).doesNotContain("not-the-password");
        }
        assertThat(simulator.ledger().entries()).isEmpty();
    }

    @Test
    void droppedBeforeApplyIsUnknownAndNothingExists() {
        simulator.faults().update(f -> f.withDropBeforeMerge(1.0));
        assertThat(await(supervisor.mergeProvider(device(1)))).isInstanceOf(CommandOutcome.UnknownOutcome.class);
        simulator.faults().reset();
        assertThat(simulator.world().provider(device(1).id())).isEmpty();
        // The next attempt starts with getProvider (protocol §5): absent, so it may be sent again.
        assertThat(success(await(supervisor.getProvider(device(1).id(), true)))).isEmpty();
        success(await(supervisor.mergeProvider(device(1))));
        assertThat(simulator.ledger().creations(device(1).id())).isEqualTo(1);
    }

    @Test
    void droppedAfterApplyIsUnknownButTheProviderExists() {
        simulator.faults().update(f -> f.withDropAfterMerge(1.0));
        assertThat(await(supervisor.mergeProvider(device(1)))).isInstanceOf(CommandOutcome.UnknownOutcome.class);
        simulator.faults().reset();
        assertThat(simulator.world().provider(device(1).id())).isPresent();
        assertThat(simulator.ledger().forProvider(device(1).id())).extracting(Ledger.Entry::outcome)
                .containsExactly(Ledger.Outcome.CREATED_REPLY_DROPPED);
        // After reconnecting, the check the pipeline makes finds it: never sent again.
        assertThat(success(await(supervisor.getProvider(device(1).id(), true)))).isPresent();
    }

    @Test
    void latencyBeyondTheTimeoutIsUnknown() {
        supervisor.close();
        supervisor = connected(simulator, c -> c.withCommandTimeout(Duration.ofMillis(300)));
        simulator.faults().update(f -> f.withLatency(1500, 1500));
        CommandOutcome<Listings.ProviderRef> outcome = await(supervisor.mergeProvider(device(1)));
        assertThat(outcome).isInstanceOfSatisfying(CommandOutcome.UnknownOutcome.class,
                u -> assertThat(u.reason()).contains("may have been applied"));
    }

    @Test
    void expiredSessionIsRenewedAndTheCommandResent() {
        FleetFreedomClient client = supervisor.currentClient().orElseThrow();
        String ghostBefore = client.ghostId().orElseThrow();
        simulator.expireSessions();
        success(await(supervisor.mergeProvider(device(1))));
        assertThat(simulator.ledger().forProvider(device(1).id())).extracting(Ledger.Entry::outcome)
                .containsExactly(Ledger.Outcome.SESSION_ERROR, Ledger.Outcome.CREATED);
        assertThat(simulator.ledger().forProvider(device(1).id()).get(0).errorCode()).isEqualTo(7);
        assertThat(client.ghostId()).get().isNotEqualTo(ghostBefore);
        assertThat(supervisor.currentClient()).containsSame(client);
    }

    @Test
    void sessionExpiryFaultAfterSecondsIsRenewedToo() {
        simulator.faults().update(f -> f.withSessionExpirySeconds(1));
        simulator.expireSessions();
        success(await(supervisor.mergeProvider(device(1))));
        assertThat(simulator.ledger().creations(device(1).id())).isEqualTo(1);
    }

    @Test
    void throttlingPausesAllSendersForTheRequestedTime() {
        supervisor.close();
        supervisor = connected(simulator, c -> c.withPacing(0, 1));
        simulator.faults().update(f -> f.withThrottle(2, 1000, 1.0));
        int throttled = 0;
        for (int i = 0; i < 6; i++) {
            CommandOutcome<Listings.ProviderRef> outcome = await(supervisor.mergeProvider(device(i)));
            while (outcome instanceof CommandOutcome.Retryable<Listings.ProviderRef> r) {
                assertThat(r.code()).isEqualTo(ErrorCode.commandThrottled);
                assertThat(r.serverRequestedDelay()).contains(Duration.ofSeconds(1));
                throttled++;
                outcome = await(supervisor.mergeProvider(device(i)));
            }
            success(outcome);
        }
        assertThat(throttled).isPositive();
        List<Ledger.Entry> entries = simulator.ledger().entries();
        for (Ledger.Entry t : entries) {
            if (t.outcome() == Ledger.Outcome.THROTTLED) {
                assertThat(entries).filteredOn(e -> e.receivedAt().isAfter(t.receivedAt())
                                && e.receivedAt().isBefore(t.receivedAt().plusMillis(1000)))
                        .as("nothing received inside the throttle window after %s", t.receivedAt())
                        .isEmpty();
            }
        }
        for (int i = 0; i < 6; i++) {
            assertThat(simulator.ledger().creations(device(i).id())).isEqualTo(1);
        }
    }

    @Test
    void theServerWideCommandRateLimitAnswers105WithItsTimeoutAcrossSessions() {
        simulator.faults().update(f -> f.withThrottle(0, 1000, 2.0).withCommandRateLimit(1));
        SessionSupervisor other = connected(simulator, c -> c.withPacing(0, 1));
        try {
            success(await(supervisor.mergeProvider(device(1))));
            CommandOutcome<Listings.ProviderRef> second = await(other.mergeProvider(device(2)));
            // Within the same second (the simulator answers in milliseconds) another session is over the limit.
            assertThat(second).isInstanceOfSatisfying(CommandOutcome.Retryable.class, r -> {
                assertThat(r.code()).isEqualTo(ErrorCode.commandThrottled);
                assertThat(r.serverRequestedDelay()).contains(Duration.ofSeconds(2));
            });
            assertThat(simulator.commandRate().refusals()).hasSize(1);
            assertThat(simulator.ledger().creations(device(2).id())).isZero();
        } finally {
            other.close();
        }
    }
}
