package com.fleetprovisioner.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.common.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Duration BASE = Duration.ofSeconds(5);
    private static final Duration MAX = Duration.ofSeconds(300);

    @Test
    void delaysDoubleFromTheBaseUpToTheCapWithJitterBetweenHalfAndAll() {
        RetryPolicy lowest = new RetryPolicy(8, BASE, MAX, n -> 0);
        RetryPolicy highest = new RetryPolicy(8, BASE, MAX, n -> n);
        assertThat(lowest.delayAfter(1, Optional.empty())).isEqualTo(Duration.ofMillis(2500));
        assertThat(highest.delayAfter(1, Optional.empty())).isEqualTo(Duration.ofSeconds(5));
        assertThat(highest.delayAfter(2, Optional.empty())).isEqualTo(Duration.ofSeconds(10));
        assertThat(highest.delayAfter(4, Optional.empty())).isEqualTo(Duration.ofSeconds(40));
        assertThat(highest.delayAfter(7, Optional.empty())).isEqualTo(MAX);
        assertThat(highest.delayAfter(60, Optional.empty())).isEqualTo(MAX);
        assertThat(lowest.delayAfter(60, Optional.empty())).isEqualTo(MAX.dividedBy(2));
    }

    @Test
    void theServersRequestedDelayWinsEvenAboveTheCap() {
        RetryPolicy policy = new RetryPolicy(8, BASE, MAX, n -> n);
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofSeconds(30)))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.delayAfter(1, Optional.of(Duration.ofMinutes(10)))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void attemptsAreCounted() {
        RetryPolicy policy = RetryPolicy.of(PipelineSettings.defaults());
        assertThat(policy.mayRetry(7)).isTrue();
        assertThat(policy.mayRetry(8)).isFalse();
    }

    @Test
    void pipelineStatusNamesTheHoldInForce() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        PipelineStatus running = new PipelineStatus(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(now.minusSeconds(1)), Optional.empty(), now);
        assertThat(running.state(now)).isEqualTo(PipelineStatus.State.RUNNING);
        assertThat(running.heldUntil(now)).isEmpty();
        PipelineStatus held = new PipelineStatus(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(now.plusSeconds(5)), Optional.of(now.plusSeconds(60)), now);
        assertThat(held.state(now)).isEqualTo(PipelineStatus.State.MAINTENANCE);
        assertThat(held.heldUntil(now)).contains(now.plusSeconds(60));
        PipelineStatus stopped = new PipelineStatus(Optional.of(11), Optional.of("bad password."), Optional.of(now),
                Optional.empty(), Optional.empty(), now);
        assertThat(stopped.state(now)).isEqualTo(PipelineStatus.State.STOPPED);
        assertThat(stopped.detail(now)).isEqualTo(Text.of("pipeline.detail.stopped", "bad password."));
    }
}
