package com.fleetprovisioner.fleetfreedom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pieces of session state FleetFreedomClient keeps: the server clock offset and the ready gate. */
class SessionPartsTest {
    private static final Instant T = Instant.parse("2026-12-02T12:00:00Z");

    @Test
    void theOffsetIsTakenAtTheMidpointOfARoundTripAndAtTheArrivalOfAConnectionResponse() {
        ServerClockOffset clock = new ServerClockOffset();
        assertThat(clock.get()).isZero();
        clock.measureRoundTrip(T, T.plusMillis(200), session(T.plusSeconds(60)));
        assertThat(clock.get()).isEqualTo(Duration.ofMillis(59_900));
        assertThat(clock.toServerTime(T)).isEqualTo(T.plusMillis(59_900));
        assertThat(clock.toLocalTime(clock.toServerTime(T))).isEqualTo(T);
        clock.measureAtArrival(T, session(T.minusSeconds(3)));
        assertThat(clock.get()).isEqualTo(Duration.ofSeconds(-3));
        clock.measureAtArrival(T, session(null));
        clock.measureAtArrival(T, null);
        clock.measureRoundTrip(null, T, session(T.plusSeconds(9)));
        assertThat(clock.get()).as("nothing to measure: kept").isEqualTo(Duration.ofSeconds(-3));
    }

    @Test
    void theGateOpensForWritingAndClosesForGood() throws Exception {
        SessionGate gate = new SessionGate();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> await(gate));
        gate.open(T);
        assertThat(waiting.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(gate.readySince()).isEqualTo(T);
        gate.suspend();
        assertThat(gate.isReady()).isFalse();
        CompletableFuture<Boolean> afterClose = CompletableFuture.supplyAsync(() -> await(gate));
        gate.close();
        assertThat(afterClose.get(10, TimeUnit.SECONDS)).isFalse();
        gate.open(T.plusSeconds(1));
        assertThat(gate.awaitReady()).as("closed stays closed").isFalse();
    }

    private static boolean await(SessionGate gate) {
        try {
            return gate.awaitReady();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SessionInfo session(Instant serverTime) {
        return new SessionInfo(null, null, serverTime, null, null, null);
    }
}
