package com.fleetprovisioner.fleetfreedom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PauseGateTest {

    private final Instant t0 = Instant.parse("2026-11-27T21:00:00Z");

    @Test
    void reportsTheActivePauseEndingLastAndForgetsEndedOnes() {
        PauseGate gate = new PauseGate(Clock.fixed(t0, ZoneOffset.UTC));
        assertThat(gate.current()).isEmpty();
        gate.pause(t0, t0.plusSeconds(5), PauseGate.Kind.THROTTLE, "throttled");
        gate.pause(t0.minusSeconds(1), t0.plusSeconds(30), PauseGate.Kind.MAINTENANCE, "maintenance");
        assertThat(gate.current()).get().extracting(PauseGate.Pause::kind).isEqualTo(PauseGate.Kind.MAINTENANCE);
        PauseGate later = new PauseGate(Clock.fixed(t0.plusSeconds(60), ZoneOffset.UTC));
        later.pause(t0, t0.plusSeconds(30), PauseGate.Kind.THROTTLE, "over");
        assertThat(later.current()).isEmpty();
    }

    @Test
    void announcesAFuturePauseWithoutHoldingSenders() throws InterruptedException {
        PauseGate gate = new PauseGate(Clock.fixed(t0, ZoneOffset.UTC));
        gate.pause(t0.plusSeconds(600), t0.plusSeconds(900), PauseGate.Kind.MAINTENANCE, "maintenance tonight");
        assertThat(gate.current()).get().extracting(PauseGate.Pause::from).isEqualTo(t0.plusSeconds(600));
        gate.awaitClear();
    }

    @Test
    void holdsSendersUntilThePauseEnds() throws InterruptedException {
        PauseGate gate = new PauseGate(Clock.systemUTC());
        gate.pauseFor(Duration.ofMillis(200), PauseGate.Kind.THROTTLE, "throttled");
        Instant until = gate.current().orElseThrow().until();
        gate.awaitClear();
        assertThat(Instant.now()).isAfterOrEqualTo(until);
    }
}
