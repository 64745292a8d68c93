package com.fleetprovisioner.simulator;

import static com.fleetprovisioner.simulator.testing.Fixtures.await;
import static com.fleetprovisioner.simulator.testing.Fixtures.connected;
import static com.fleetprovisioner.simulator.testing.Fixtures.success;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.NewProvider;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Keep-alive and secrets in logs, over real sockets. */
class ClientHygieneIT {

    @Test
    void sendsANoopWhenIdle() {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults())) {
            var noop = simulator.receipts().next("noop");
            try (SessionSupervisor supervisor = connected(simulator, c -> c.withKeepAliveIdle(Duration.ofMillis(200)))) {
                assertThat(await(noop).command()).isEqualTo("noop");
            }
        }
    }

    @Test
    void passwordsNeverReachTheLogEvenAtDebug() {
        Logger root = (Logger) LoggerFactory.getLogger("com.fleetprovisioner");
        Logger frames = (Logger) LoggerFactory.getLogger("com.fleetprovisioner.fleetfreedom.frames");
        Level before = root.getLevel();
        Level framesBefore = frames.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        root.setAdditive(false); // keep the DEBUG lines out of the build output
        root.setLevel(Level.DEBUG);
        frames.setLevel(Level.DEBUG);
        try (Simulator simulator = Simulator.start(SimulatorConfig.builder()
                .user("ops@example.com", "login-Secret-1", 42).build());
             SessionSupervisor supervisor = new SessionSupervisor(FleetFreedomConfig.of(simulator.webSocketUri(),
                     "ops@example.com", "login-Secret-1").withCommandTimeout(Duration.ofSeconds(10)))) {
            supervisor.start();
            success(await(supervisor.mergeProvider(
                    new NewProvider("356938035643809", "calamp", 42, "device-Secret-2", null, null, null))));
            success(await(supervisor.getProvider("356938035643809", false)));
            simulator.faults().update(f -> f.withErrorRate(3, 1.0));
            await(supervisor.mergeProvider(new NewProvider("356938035643810", "calamp", 42, "device-Secret-3", null,
                    null, null)));
            await(supervisor.mergeProvider(new NewProvider("356938035643811", "calamp", 42, "device-Secret-3", null,
                    null, null)));
        } finally {
            root.detachAppender(captured);
            root.setAdditive(true);
            root.setLevel(before);
            frames.setLevel(framesBefore);
        }
        assertThat(captured.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("\"password\":\"***\""))
                .noneMatch(m -> m.contains("Secret-"));
    }
}
