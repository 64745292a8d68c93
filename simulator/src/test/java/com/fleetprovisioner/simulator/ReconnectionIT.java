package com.fleetprovisioner.simulator;

import static com.fleetprovisioner.simulator.testing.Fixtures.await;
import static com.fleetprovisioner.simulator.testing.Fixtures.connected;
import static com.fleetprovisioner.simulator.testing.Fixtures.device;
import static com.fleetprovisioner.simulator.testing.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.ConnectionState;
import com.fleetprovisioner.fleetfreedom.FleetFreedomClient;
import com.fleetprovisioner.fleetfreedom.Listings;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.fleetfreedom.PauseGate;
import com.fleetprovisioner.simulator.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The supervisor reconnects with a fresh client after the simulator goes away and comes back. */
class ReconnectionIT {

    @Test
    void reconnectsAfterTheSimulatorIsStoppedAndRestarted() {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
             SessionSupervisor supervisor = connected(simulator)) {
            FleetFreedomClient first = supervisor.currentClient().orElseThrow();
            String ghostId = first.ghostId().orElseThrow();
            success(await(supervisor.mergeProvider(device(1))));

            simulator.stopServer();
            await(first.onClosed());
            CompletableFuture<CommandOutcome<Listings.ProviderRef>> whileDown = supervisor.mergeProvider(device(2));
            assertThat(supervisor.status().state()).isIn(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING);

            simulator.startServer();
            assertThat(success(await(whileDown)).id()).isEqualTo(device(2).id());
            FleetFreedomClient second = supervisor.currentClient().orElseThrow();
            assertThat(second).isNotSameAs(first);
            assertThat(second.ghostId()).as("the saved session was resumed").contains(ghostId);
            assertThat(supervisor.status().state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(simulator.ledger().creations(device(2).id())).isEqualTo(1);
        }
    }

    @Test
    void aFirstConnectionTheServerNeverAnswersIsAbandonedAndRetried() {
        try (Simulator simulator = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withRefuseConnections(true)).build());
             SessionSupervisor supervisor = new SessionSupervisor(Fixtures.config(simulator)
                     .withConnectTimeout(Duration.ofMillis(300)), new PauseGate(Clock.systemUTC()), Clock.systemUTC())) {
            supervisor.start();
            CompletableFuture<CommandOutcome<Listings.ProviderRef>> pending = supervisor.mergeProvider(device(4));
            assertThat(supervisor.status().state()).isIn(ConnectionState.CONNECTING, ConnectionState.DISCONNECTED);
            simulator.faults().reset();
            assertThat(success(await(pending)).id()).isEqualTo(device(4).id());
            assertThat(supervisor.status().state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }

    @Test
    void refusedConnectionsAreRetriedUntilAccepted() {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults());
             SessionSupervisor supervisor = connected(simulator)) {
            FleetFreedomClient first = supervisor.currentClient().orElseThrow();
            simulator.faults().update(f -> f.withRefuseConnections(true));
            simulator.restart();
            await(first.onClosed());
            CompletableFuture<CommandOutcome<Listings.ProviderRef>> pending = supervisor.mergeProvider(device(3));
            simulator.faults().reset();
            assertThat(success(await(pending)).id()).isEqualTo(device(3).id());
        }
    }
}
