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
import com.fleetprovisioner.fleetfreedom.NewProvider;
import com.fleetprovisioner.fleetfreedom.PauseGate;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.simulator.testing.RawSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our client against the simulator over real sockets: the normal paths. */
class FleetFreedomClientIT {

    private Simulator simulator;
    private SessionSupervisor supervisor;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorConfig.builder()
                .company(42, "Demo Fleet", null).company(43, "East", 42L)
                .configuration(new SimulatorConfig.SeedConfiguration(7, 42, "default calamp", "calamp"))
                .user("ops@example.com", "secret", 42).build());
        supervisor = connected(simulator, c -> c.withPacing(0, 1000));
    }

    @AfterEach
    void stop() {
        supervisor.close();
        simulator.close();
    }

    /** Issue 16: the guest ghostId of a fresh connectionResponse is no login; the client logs in and keeps that one. */
    @Test
    void theClientKeepsTheLoginsGhostIdNotTheGuestOne() throws InterruptedException {
        String ghostId = supervisor.currentClient().orElseThrow().ghostId().orElseThrow();
        try (RawSocket resumed = RawSocket.open(simulator.webSocketUri().resolve("/" + ghostId))) {
            RawSocket.Frame hello = resumed.next();
            assertThat(hello.body().get("errorCode").asInt()).isZero();
            assertThat(hello.body().path("user").path("login").asText()).isEqualTo("ops@example.com");
        }
    }

    @Test
    void happyPath() {
        assertThat(supervisor.status().state()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(supervisor.status().endpoint().getPath()).isEqualTo("/");
        assertThat(success(await(supervisor.getProvider("356938035643809", false)))).isEmpty();

        Instant before = Instant.now();
        NewProvider device = new NewProvider("356938035643809", "calamp", 43, "s3cret", "+15551234567", 7L, "Truck 9");
        CommandOutcome<Listings.ProviderRef> merged = await(supervisor.mergeProvider(device));
        assertThat(merged).isInstanceOf(CommandOutcome.Success.class);
        var ok = (CommandOutcome.Success<Listings.ProviderRef>) merged;
        assertThat(ok.response()).isEqualTo(new Listings.ProviderRef("356938035643809", 43L));
        assertThat(ok.sentAt()).isAfterOrEqualTo(before);
        assertThat(ok.receivedAt()).isAfterOrEqualTo(ok.sentAt());
        assertThat(ok.serverTime()).isNotNull();

        var found = success(await(supervisor.getProvider("356938035643809", false))).orElseThrow();
        assertThat(found.company()).isEqualTo(43L);
        assertThat(found.configuration()).isEqualTo(7L);
        assertThat(found.phoneNumber()).isEqualTo("+15551234567");
        assertThat(found.toString()).doesNotContain("s3cret");
        assertThat(success(await(supervisor.getProvidersList(43))).providers())
                .extracting(p -> p.id()).containsExactly("356938035643809");
        assertThat(success(await(supervisor.getCompaniesList(42, true))).companies())
                .extracting(Listings.Company::id).containsExactly(42L, 43L);
        assertThat(success(await(supervisor.getProviderConfigsList(42))).providerConfigs())
                .extracting(Listings.ProviderConfig::id).containsExactly(7L);
        assertThat(success(await(supervisor.getSessionDetails())).user().company()).isEqualTo(42L);
        success(await(supervisor.noop()));

        success(await(supervisor.removeProvider("356938035643809")));
        assertThat(success(await(supervisor.getProvider("356938035643809", false)))).isEmpty();
        assertThat(success(await(supervisor.getProvider("356938035643809", true)))).get()
                .matches(p -> p.isDeleted());
        success(await(supervisor.restoreProvider("356938035643809")));

        FleetFreedomClient client = supervisor.currentClient().orElseThrow();
        assertThat(client.serverClockOffset().abs()).isLessThan(Duration.ofSeconds(1));
        Instant now = Instant.now();
        assertThat(client.toServerTime(now)).isEqualTo(now.plus(client.serverClockOffset()));
        assertThat(simulator.ledger().creations("356938035643809")).isEqualTo(1);
    }

    @Test
    void aThousandMergesInFlightAreAllCorrelated() {
        simulator.faults().update(f -> f.withLatency(0, 20));
        List<CompletableFuture<CommandOutcome<Listings.ProviderRef>>> futures = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            futures.add(supervisor.mergeProvider(device(i)));
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(success(await(futures.get(i))).id()).isEqualTo(device(i).id());
        }
        for (int i = 0; i < 1000; i++) {
            assertThat(simulator.ledger().creations(device(i).id())).isEqualTo(1);
        }
        assertThat(simulator.world().providers()).hasSize(1000);
    }

    @Test
    void garbageFromTheServerDoesNotKillTheClient() {
        FleetFreedomClient client = supervisor.currentClient().orElseThrow();
        simulator.broadcastRaw("}{ not a frame");
        simulator.broadcastRaw("mergeProviderResponse {\"reqId\": 1,,,");
        simulator.broadcastRaw("mergeProviderResponse {\"reqId\":999999,\"errorCode\":0,\"provider\":{\"id\":\"x\"}}");
        simulator.broadcastRaw("providerGeneralMerged {\"id\":\"356938035643809\",\"extra\":[1,2]}");
        simulator.broadcastRaw("broadcast {\"kind\":\"upgrade\",\"eta\":\"not a date\"}");
        simulator.broadcastRaw("connectionResponse []");
        simulator.broadcastRaw("");
        assertThat(success(await(supervisor.mergeProvider(device(1)))).id()).isEqualTo(device(1).id());
        assertThat(supervisor.currentClient()).containsSame(client);
        assertThat(client.isClosed()).isFalse();
    }

    @Test
    void maintenanceBroadcastPausesSendingForItsWindow() throws InterruptedException {
        simulator.broadcastMaintenance(Duration.ofMillis(200), Duration.ofMillis(500), "database upgrade");
        // Sent before the window opens; the broadcast precedes its reply on the socket, so once it has
        // completed the announced pause is known.
        success(await(supervisor.getSessionDetails()));
        var pause = supervisor.pauseGate().current().orElseThrow();
        assertThat(pause.kind()).isEqualTo(PauseGate.Kind.MAINTENANCE);
        assertThat(pause.reason()).contains("database upgrade");
        Duration untilWindow = Duration.between(Instant.now(), pause.from());
        if (!untilWindow.isNegative()) {
            Thread.sleep(untilWindow.toMillis() + 1); // set-up: reach the window, so that the merge must wait
        }
        success(await(supervisor.mergeProvider(device(2))));
        Instant received = simulator.ledger().forProvider(device(2).id()).get(0).receivedAt();
        Duration offset = supervisor.currentClient().orElseThrow().serverClockOffset();
        // received is server time; the pause is local time. 20 ms covers the offset measurement error.
        assertThat(received.minus(offset).plusMillis(20)).isAfterOrEqualTo(pause.until());
    }
}
