package com.fleetprovisioner.core.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The adaptive controller against a model of Fleet Freedom with a hidden limit, on a fake clock: each
 * simulated second every worker reserves as much as the rate allows (demand above it), and a rate above
 * the limit is throttled.
 */
class AdaptiveRateTest {
    private static final Instant T0 = Instant.parse("2026-12-01T14:00:00Z");
    private static final SendRate AUTO = SendRate.of(SendRate.AUTO);
    private static final Duration WAIT = Duration.ofSeconds(1);

    @Test
    void startsAtTheSafeRateAndLearnsUpwardsWhileTheBudgetIsUsed() {
        RateState s = RateState.initial(T0);
        assertThat(s.rate()).isEqualTo(AdaptiveRate.START);
        s = busySecond(s, T0);
        assertThat(s.rate()).isEqualTo(AdaptiveRate.START * AdaptiveRate.GROWTH);
        assertThat(s.phase()).isEqualTo(RatePhase.LEARNING);
    }

    @Test
    void doesNotRiseWhileSendersUseLessThanTheBudget() {
        RateState s = RateState.initial(T0);
        // one command in a whole second: demand, not the rate, is what limits sending
        s = AdaptiveRate.reserve(s, AUTO, T0).next();
        s = AdaptiveRate.reserve(s, AUTO, T0.plusSeconds(1)).next();
        assertThat(s.rate()).isEqualTo(AdaptiveRate.START);
    }

    @Test
    void backsOffOnAThrottleAndSettlesBelowTheRateThatWasThrottled() {
        RateState s = RateState.initial(T0);
        Instant now = T0;
        while (s.rate() <= 400) {
            s = busySecond(s, now);
            now = now.plusSeconds(1);
        }
        double throttledAt = s.rate();
        s = AdaptiveRate.throttled(s, now, WAIT);
        assertThat(s.phase()).isEqualTo(RatePhase.BACKED_OFF);
        assertThat(s.rate()).isCloseTo(throttledAt * AdaptiveRate.BACKOFF, within(0.001));
        assertThat(s.ceiling()).isEqualTo(throttledAt);
        assertThat(s.throttledAt()).contains(now);
        for (int i = 0; i < 30; i++) {
            now = now.plusSeconds(1);
            s = busySecond(s, now);
        }
        assertThat(s.phase()).isEqualTo(RatePhase.SETTLED);
        assertThat(s.rate()).isCloseTo(throttledAt * AdaptiveRate.TARGET, within(0.001)).isLessThan(throttledAt);
    }

    @Test
    void throttleAnswersOfOneEpisodeCutTheRateOnce() {
        RateState s = AdaptiveRate.throttled(learnedTo(300), T0, WAIT);
        double once = s.rate();
        s = AdaptiveRate.throttled(s, T0.plusMillis(200), WAIT);
        s = AdaptiveRate.throttled(s, T0.plus(WAIT).plus(AdaptiveRate.EPISODE).minusMillis(1), WAIT);
        assertThat(s.rate()).isEqualTo(once);
        s = AdaptiveRate.throttled(s, T0.plus(WAIT).plus(AdaptiveRate.EPISODE), WAIT);
        assertThat(s.rate()).isEqualTo(once * AdaptiveRate.BACKOFF);
    }

    @Test
    void againstAHiddenLimitItSettlesBelowItWithAtMostOneThrottlePerMinuteAfterLearning() {
        double limit = 400;
        RateState s = RateState.initial(T0);
        Instant now = T0;
        int throttles = 0;
        Instant learned = null;
        for (int second = 0; second < 3600; second++) {
            now = T0.plusSeconds(second);
            s = busySecond(s, now);
            if (s.rate() > limit) {
                RateState after = AdaptiveRate.throttled(s, now, WAIT);
                if (learned != null && after != s) {
                    throttles++;
                }
                s = after;
            }
            if (learned == null && s.phase() == RatePhase.SETTLED) {
                learned = now;
            }
        }
        assertThat(learned).as("learning ends").isBefore(T0.plusSeconds(120));
        assertThat(throttles).as("throttles in the hour after learning").isLessThanOrEqualTo(60);
        assertThat(s.rate()).isLessThanOrEqualTo(limit).isGreaterThanOrEqualTo(0.6 * limit);
    }

    @Test
    void probesHigherOnlyAfterALongCleanStretch() {
        RateState s = AdaptiveRate.throttled(learnedTo(400), T0, WAIT);
        Instant now = T0;
        for (int i = 0; i < 30; i++) {
            now = now.plusSeconds(1);
            s = busySecond(s, now);
        }
        assertThat(s.phase()).isEqualTo(RatePhase.SETTLED);
        double settled = s.rate();
        Instant settledAt = s.changedAt();
        while (now.isBefore(settledAt.plus(AdaptiveRate.PROBE_AFTER).minusSeconds(1))) {
            now = now.plusSeconds(1);
            s = busySecond(s, now);
            assertThat(s.rate()).isEqualTo(settled);
        }
        now = now.plusSeconds(2);
        s = busySecond(s, now);
        assertThat(s.phase()).isEqualTo(RatePhase.BACKED_OFF);
        assertThat(s.ceiling()).isCloseTo(400 * AdaptiveRate.PROBE, within(0.001));
    }

    @Test
    void aFixedRateReplacesTheLearnedOneAndIgnoresThrottlesAndAutoLearnsAgain() {
        RateState s = learnedTo(300);
        s = AdaptiveRate.reserve(s, SendRate.of(60), T0).next();
        assertThat(s.rate()).isEqualTo(60);
        assertThat(s.phase()).isEqualTo(RatePhase.FIXED);
        assertThat(AdaptiveRate.throttled(s, T0, WAIT)).isEqualTo(s);
        assertThat(busySecond(s, T0.plusSeconds(5), SendRate.of(60)).rate()).isEqualTo(60);
        s = AdaptiveRate.reserve(s, AUTO, T0.plusSeconds(10)).next();
        assertThat(s.phase()).isEqualTo(RatePhase.LEARNING);
        assertThat(s.rate()).isEqualTo(AdaptiveRate.START);
    }

    @Test
    void slotsAreSpacedOneOverTheRateFromTheFirstFreeOneNeverBeforeNow() {
        RateState s = AdaptiveRate.reserve(RateState.initial(T0), SendRate.of(100), T0).next();
        var first = AdaptiveRate.reserve(s, SendRate.of(100), T0.minusMillis(0));
        // 100/s, 100 ms a chunk: 10 slots 10 ms apart, after the 10 handed out before
        assertThat(first.result().count()).isEqualTo(10);
        assertThat(first.result().intervalNanos()).isEqualTo(10_000_000L);
        assertThat(first.result().startIn()).isEqualTo(Duration.ofMillis(100));
        assertThat(first.next().nextSlot()).isEqualTo(T0.plusMillis(200));
        // an idle stretch leaves no credit: the next slot is now, not in the past
        var later = AdaptiveRate.reserve(first.next(), SendRate.of(100), T0.plusSeconds(10));
        assertThat(later.result().startIn()).isZero();
        assertThat(later.next().nextSlot()).isEqualTo(T0.plusSeconds(10).plusMillis(100));
    }

    @Test
    void sendRateTextIsAutoOrAWholeNumberInRange() {
        assertThat(SendRate.parse(" Auto ")).isEqualTo(SendRate.AUTO);
        assertThat(SendRate.of(SendRate.parse("0")).mode()).isEqualTo(SendRate.Mode.UNPACED);
        assertThat(SendRate.of(SendRate.parse("60"))).isEqualTo(new SendRate(SendRate.Mode.FIXED, 60));
        assertThat(SendRate.format(SendRate.AUTO)).isEqualTo("auto");
        for (String bad : new String[] {"-1", "10001", "fast", "", "1e9", "99999999999999999999"}) {
            assertThatThrownBy(() -> SendRate.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** A second in which senders take every slot the rate offers, ending with the tick at {@code end}. */
    private static RateState busySecond(RateState s, Instant start) {
        return busySecond(s, start, AUTO);
    }

    private static RateState busySecond(RateState s, Instant start, SendRate policy) {
        int chunks = (int) Math.ceil(s.rate() / Math.max(1, Math.round(s.rate() * 0.1)));
        for (int i = 0; i < chunks; i++) {
            s = AdaptiveRate.reserve(s, policy, start.plusMillis(i * 1000L / chunks)).next();
        }
        return AdaptiveRate.tick(s, start.plusSeconds(1));
    }

    private static RateState learnedTo(double rate) {
        RateState s = RateState.initial(T0);
        return new RateState(rate, 0, RatePhase.LEARNING, T0, s.throttledAt(), T0, 0, T0);
    }
}
