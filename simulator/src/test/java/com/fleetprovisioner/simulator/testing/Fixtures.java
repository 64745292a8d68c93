package com.fleetprovisioner.simulator.testing;

import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.NewProvider;
import com.fleetprovisioner.fleetfreedom.PauseGate;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.simulator.Simulator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Client ↔ simulator wiring for the integration tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** Test-sized timings: 10 s command timeout (a hang guard), fast reconnection. */
    public static FleetFreedomConfig config(Simulator simulator) {
        return FleetFreedomConfig.of(simulator.webSocketUri(), "ops@example.com", "secret")
                .withCommandTimeout(Duration.ofSeconds(10))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    public static SessionSupervisor connected(Simulator simulator, UnaryOperator<FleetFreedomConfig> tweak) {
        SessionSupervisor supervisor = new SessionSupervisor(tweak.apply(config(simulator)),
                new PauseGate(Clock.systemUTC()), Clock.systemUTC());
        supervisor.start();
        await(supervisor.connected());
        return supervisor;
    }

    public static SessionSupervisor connected(Simulator simulator) {
        return connected(simulator, c -> c);
    }

    /** Waits for a future; 30 s is a hang guard, not part of what is tested. */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("future did not complete: " + e, e);
        }
    }

    public static NewProvider device(int n) {
        return NewProvider.of(String.format("35693803%07d", n), "calamp", 42);
    }

    public static <T> T success(CommandOutcome<T> outcome) {
        if (outcome instanceof CommandOutcome.Success<T> s) {
            return s.response();
        }
        throw new AssertionError("expected success but was " + outcome);
    }
}
