package com.fleetprovisioner.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration FIRST = Duration.ofSeconds(5);
    private static final Duration MAX = Duration.ofSeconds(300);
    private static final LongUnaryOperator LOWEST = n -> 0;
    private static final LongUnaryOperator HIGHEST = n -> n;

    @Test
    void doublesFromTheFirstWaitUpToTheCap() {
        long[] expectedSeconds = {5, 10, 20, 40, 80, 160, 300, 300};
        for (int retry = 0; retry < expectedSeconds.length; retry++) {
            assertThat(Backoff.equalJitter(FIRST, MAX, retry, HIGHEST)).as("retry " + retry)
                    .isEqualTo(Duration.ofSeconds(expectedSeconds[retry]));
            assertThat(Backoff.equalJitter(FIRST, MAX, retry, LOWEST)).as("half of it at least")
                    .isEqualTo(Duration.ofSeconds(expectedSeconds[retry]).dividedBy(2));
        }
    }

    @Test
    void theRandomPartSpansTheUpperHalfOfTheCappedWait() {
        for (int retry = 0; retry < 12; retry++) {
            long capped = Math.min(MAX.toMillis(), FIRST.toMillis() << retry);
            for (int draw = 0; draw < 200; draw++) {
                assertThat(Backoff.equalJitter(FIRST, MAX, retry, Backoff.uniform()).toMillis())
                        .isBetween(capped / 2, capped);
            }
        }
    }

    @Test
    void absurdInputsStayBetweenHalfTheFirstWaitAndTheCap() {
        assertThat(Backoff.equalJitter(FIRST, MAX, -7, HIGHEST)).isEqualTo(FIRST);
        assertThat(Backoff.equalJitter(FIRST, MAX, Integer.MIN_VALUE, LOWEST)).isEqualTo(FIRST.dividedBy(2));
        assertThat(Backoff.equalJitter(FIRST, MAX, Integer.MAX_VALUE, HIGHEST)).isEqualTo(MAX);
        for (int retry : new int[] {30, 31, 62, 63, 64, 1000}) {
            assertThat(Backoff.equalJitter(FIRST, MAX, retry, HIGHEST)).as("retry " + retry).isEqualTo(MAX);
            assertThat(Backoff.equalJitter(FIRST, MAX, retry, LOWEST)).as("retry " + retry).isEqualTo(MAX.dividedBy(2));
        }
        Duration huge = Duration.ofMillis(Long.MAX_VALUE / 3);
        Duration hugeMax = Duration.ofMillis(Long.MAX_VALUE);
        assertThat(Backoff.equalJitter(huge, hugeMax, 1, HIGHEST)).as("no overflow").isEqualTo(huge.multipliedBy(2));
        assertThat(Backoff.equalJitter(huge, hugeMax, 2, HIGHEST)).as("no overflow").isEqualTo(hugeMax);
        assertThat(Backoff.equalJitter(Duration.ZERO, MAX, 5, HIGHEST)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.equalJitter(Duration.ZERO, MAX, 100, HIGHEST)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.equalJitter(Duration.ofMillis(1), Duration.ofMillis(1), 0, LOWEST)).isEqualTo(Duration.ZERO);
    }

    @Test
    void theScheduleWithoutJitterIsTheUpperBoundOfTheJitteredOne() {
        for (int retry : new int[] {Integer.MIN_VALUE, -1, 0, 1, 2, 5, 6, 63, 64, Integer.MAX_VALUE}) {
            assertThat(Backoff.doubled(FIRST, MAX, retry)).as("retry " + retry)
                    .isEqualTo(Backoff.equalJitter(FIRST, MAX, retry, HIGHEST));
        }
        assertThat(Backoff.doubled(FIRST, MAX, 2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(Backoff.doubled(FIRST, MAX, Integer.MAX_VALUE)).isEqualTo(MAX);
    }
}
