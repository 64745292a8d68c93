package com.fleetprovisioner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommandRateTest {
    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void admitsUpToTheLimitInAnySlidingSecondAndRecordsEachRefusal() {
        CommandRate rate = new CommandRate();
        assertThat(rate.admit(T0, 3)).isTrue();
        assertThat(rate.admit(T0.plusMillis(400), 3)).isTrue();
        assertThat(rate.admit(T0.plusMillis(900), 3)).isTrue();
        assertThat(rate.admit(T0.plusMillis(950), 3)).isFalse();
        // The first command leaves the window after a full second: one place frees up.
        assertThat(rate.admit(T0.plusMillis(1000), 3)).isTrue();
        assertThat(rate.admit(T0.plusMillis(1001), 3)).isFalse();
        assertThat(rate.refusals()).containsExactly(T0.plusMillis(950), T0.plusMillis(1001));
    }

    @Test
    void refusedCommandsDoNotFillTheWindow() {
        CommandRate rate = new CommandRate();
        assertThat(rate.admit(T0, 1)).isTrue();
        for (int i = 1; i < 100; i++) {
            assertThat(rate.admit(T0.plusMillis(i * 5L), 1)).isFalse();
        }
        assertThat(rate.admit(T0.plusMillis(1000), 1)).isTrue();
    }
}
