package com.fleetprovisioner.worker;

import static com.fleetprovisioner.worker.testing.PipelineHarness.await;
import static com.fleetprovisioner.worker.testing.PipelineHarness.providerId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.provisioning.DeviceDetail;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.settings.SettingKey;
import com.fleetprovisioner.core.settings.SettingsForm;
import com.fleetprovisioner.core.settings.SettingsService;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.simulator.FaultSettings;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.worker.testing.PipelineHarness;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A running worker follows what an admin saves: endpoint, send rate and retry policy. */
class SettingsFollowIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    void aRunningWorkerMovesToTheNewEndpointAndAppliesPacingAndRetryPolicy() {
        try (Simulator first = Simulator.start(SimulatorConfig.builder().build());
             Simulator second = Simulator.start(SimulatorConfig.builder().build());
             PipelineHarness h = new PipelineHarness(DatabaseKind.H2, first)) {
            SettingsService settings = h.settings();
            ProvisioningWorker worker = h.startFollowingWorker("w1", 4, settings);
            long before = h.batch();
            h.submit(before, 0, 5, 42);
            await("first batch done", DEADLINE, () -> h.allTerminal(before));
            assertThat(h.statesOf(before)).isEqualTo(Map.of("provisioned", 5L));

            // the password in force belongs to the first endpoint: moving needs it typed again
            save(settings, h, Map.of(SettingKey.ENDPOINT, second.webSocketUri().toString(), SettingKey.SEND_RATE, "20",
                    SettingKey.MAX_IN_FLIGHT, "3", SettingKey.PASSWORD, h.fleetFreedom().password()));
            await("worker on the second simulator", DEADLINE,
                    () -> worker.connectionConfig().endpoint().equals(endpoint(second)));
            FleetFreedomConfig now = worker.connectionConfig();
            assertThat(now.commandsPerSecond()).isEqualTo(20);
            assertThat(now.maxInFlight()).isEqualTo(3);
            assertThat(now.username()).as("the account stays the environment's").isEqualTo(h.fleetFreedom().username());

            long after = h.batch();
            h.submit(after, 5, 10, 42);
            await("second batch done", DEADLINE, () -> h.allTerminal(after));
            assertThat(h.statesOf(after)).isEqualTo(Map.of("provisioned", 5L));
            IntStream.range(5, 10).mapToObj(PipelineHarness::providerId).forEach(id -> {
                assertThat(second.ledger().creations(id)).as(id + " added to the second simulator").isEqualTo(1);
                assertThat(first.ledger().forProvider(id)).as(id + " never sent to the first").isEmpty();
            });
            IntStream.range(0, 5).mapToObj(PipelineHarness::providerId)
                    .forEach(id -> assertThat(second.ledger().forProvider(id)).isEmpty());

            // every command now fails with a retryable error: with one attempt allowed, a device fails at once
            second.faults().set(FaultSettings.none().withErrorRate(2, 1.0));
            long version = save(settings, h, Map.of(SettingKey.MAX_ATTEMPTS, "1"));
            await("retry policy applied", DEADLINE, () -> worker.settingsVersion() == version);
            long failing = h.batch();
            h.submit(failing, 10, 11, 42);
            await("failing device ended", DEADLINE, () -> h.allTerminal(failing));
            DeviceDetail failed = h.devices.findByProviderId(providerId(10)).orElseThrow();
            assertThat(failed.state()).isEqualTo(DeviceState.FAILED);
            assertThat(failed.attempts()).as("the harness's own policy allows 3").isEqualTo(1);
            assertThat(failed.lastErrorMessage()).hasValueSatisfying(m -> assertThat(m.key() + m.args())
                    .startsWith("event.text.gaveUp[1,"));
        }
    }

    private static long save(SettingsService settings, PipelineHarness h, Map<SettingKey, String> values) {
        assertThat(settings.save(h.operator(), new SettingsForm(values, Set.of(), false))).isNotEmpty();
        return settings.version();
    }

    private static java.net.URI endpoint(Simulator simulator) {
        return FleetFreedomConfig.of(simulator.webSocketUri(), "x", "y").endpoint();
    }
}
