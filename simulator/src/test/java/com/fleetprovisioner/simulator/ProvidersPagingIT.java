package com.fleetprovisioner.simulator;

import static com.fleetprovisioner.simulator.testing.Fixtures.await;
import static com.fleetprovisioner.simulator.testing.Fixtures.connected;
import static com.fleetprovisioner.simulator.testing.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.Listings;
import com.fleetprovisioner.fleetfreedom.Provider;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What reconciliation needs of the simulator: providers present from the start (the command line), a paged
 * {@code getProvidersList} that a client walks to the end, and someone else's removals and moves through the
 * control API, which stays guarded like the rest of it.
 */
class ProvidersPagingIT {

    @Test
    void theCommandLineSeedsProvidersAndRefusesBadOnes() {
        SimulatorConfig config = SimulatorMain.parse(new String[] {"--provider", "356938035643809:calamp:43",
            "--providers", "3:42"});
        assertThat(config.providers()).extracting(SimulatorConfig.SeedProvider::id)
                .containsExactly("356938035643809", "860000000000001", "860000000000002", "860000000000003");
        assertThat(config.providers().get(0).company()).isEqualTo(43);
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--provider", "1:genx"})).hasMessageContaining("ID:KIND:COMPANY");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--providers", "-1:42"})).hasMessageContaining("N:COMPANY");
        assertThatThrownBy(() -> SimulatorMain.parse(new String[] {"--providers", "99999999999:42"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClientWalksEveryPageAndSeesSomeoneElsesRemovalsAndMoves() throws Exception {
        SimulatorConfig config = SimulatorMain.parse(new String[] {"--port", "0", "--providers", "2500:42"});
        try (Simulator sim = Simulator.start(config); SessionSupervisor client = connected(sim, c -> c)) {
            assertThat(walk(client, 42, 1000)).hasSize(2500).isSorted().doesNotHaveDuplicates();
            assertThat(success(await(client.getProvidersList(42))).providers()).as("unpaged: the whole list").hasSize(2500);
            Listings.ProvidersList first = success(await(client.getProvidersPage(42, 1000, null)));
            assertThat(first.hasMore()).isTrue();
            Listings.ProvidersList last = success(await(client.getProvidersPage(42, 1000, "860000000002000")));
            assertThat(last.providers()).hasSize(500);
            assertThat(last.hasMore()).isFalse();
            for (int limit : new int[] {0, -5}) {
                assertThat(await(client.getProvidersPage(42, limit, null))).as("limit %d", limit)
                        .isNotInstanceOf(CommandOutcome.Success.class);
            }
            assertThat(success(await(client.getProvidersPage(42, 1_000_000, null))).providers())
                    .as("a page is capped").hasSize(2500);

            ControlClient control = ControlClient.of(sim);
            assertThat(control.send("POST", "/providers/remove", "{\"id\":\"860000000000007\"}").statusCode()).isEqualTo(200);
            assertThat(control.send("POST", "/providers/move", "{\"id\":\"860000000000008\",\"company\":43}").statusCode())
                    .isEqualTo(200);
            assertThat(control.send("POST", "/providers/remove", "{\"id\":\"nope\"}").statusCode()).isEqualTo(404);
            assertThat(control.send("POST", "/providers/move", "{\"id\":\"860000000000009\",\"company\":999}").statusCode())
                    .isEqualTo(400);
            assertThat(control.send("POST", "/providers/move", "{\"id\":\"860000000000009\"}").statusCode()).isEqualTo(400);
            assertThat(control.send("POST", "/providers/remove", "not json").statusCode()).isEqualTo(400);
            HttpResponse<String> unguarded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(sim.controlUri() + "providers/remove")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"860000000000010\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unguarded.statusCode()).as("no token").isEqualTo(401);

            List<String> now42 = walk(client, 42, 700);
            assertThat(now42).hasSize(2498).doesNotContain("860000000000007", "860000000000008")
                    .contains("860000000000010");
            assertThat(walk(client, 43, 700)).containsExactly("860000000000008");
            assertThat(sim.world().provider("860000000000007").orElseThrow().deleted()).isTrue();
            assertThat(sim.ledger().entries()).as("someone else's changes are no merges of ours").isEmpty();
        }
    }

    private static List<String> walk(SessionSupervisor client, long company, int size) {
        List<String> ids = new ArrayList<>();
        String after = null;
        Listings.ProvidersList page;
        do {
            page = success(await(client.getProvidersPage(company, size, after)));
            page.providers().stream().map(Provider::id).forEach(ids::add);
            after = page.providers().isEmpty() ? null : ids.get(ids.size() - 1);
        } while (page.hasMore());
        return ids;
    }
}
