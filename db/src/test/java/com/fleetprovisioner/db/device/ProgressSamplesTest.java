package com.fleetprovisioner.db.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A running batch's rate from two readings of its counters; nothing to compare with means the table is asked. */
class ProgressSamplesTest {
    private static final Instant T = Instant.parse("2026-12-03T09:00:00Z");
    private static final long BATCH = 7;
    private static final long OTHER_BATCH = 8;

    private final ProgressSamples samples = new ProgressSamples(Duration.ofSeconds(60), Duration.ofSeconds(5));

    @Test
    void aFirstReadingHasNothingToCompareWithAndALaterOneMeasuresTheDevicesFinishedSince() {
        assertThat(samples.rate(BATCH, T, 100)).isEmpty();
        assertThat(samples.rate(BATCH, T.plusSeconds(2), 300)).as("not over less than 5 s").isEmpty();
        assertThat(samples.rate(BATCH, T.plusSeconds(10), 4_100)).hasValue(400.0);
        assertThat(samples.rate(OTHER_BATCH, T.plusSeconds(10), 4_100)).as("per batch").isEmpty();
    }

    @Test
    void readingsOlderThanTheWindowAreForgotten() {
        samples.rate(BATCH, T, 0);
        samples.rate(BATCH, T.plusSeconds(30), 3_000);
        assertThat(samples.rate(BATCH, T.plusSeconds(70), 5_000)).as("over the last 40 s: the reading at 0 s is gone")
                .hasValue(50.0);
        assertThat(samples.rate(BATCH, T.plusSeconds(200), 5_000)).as("nothing left from the last minute").isEmpty();
    }

    @Test
    void aBatchWatchedBeforeItMovedIsMeasuredFromItsLastReadingBeforeProgress() {
        samples.rate(BATCH, T, 0);
        samples.rate(BATCH, T.plusSeconds(20), 0);
        samples.rate(BATCH, T.plusSeconds(40), 0);
        assertThat(samples.rate(BATCH, T.plusSeconds(50), 1_000)).as("over 10 s, not the 50 s it was watched")
                .hasValue(100.0);
    }

    @Test
    void readingsAreKeptAtMostOneASecondHoweverOftenPagesPoll() {
        samples.rate(BATCH, T, 0);
        for (int ms = 100; ms < 1_000; ms += 100) {
            samples.rate(BATCH, T.plusMillis(ms), ms);
        }
        assertThat(samples.rate(BATCH, T.plusSeconds(6), 600)).as("measured from the reading at 0 s").hasValue(100.0);
    }

    @Test
    void aClockThatWentBackOrARequeueThatLoweredTheCountStartsTheMeasurementAgain() {
        samples.rate(BATCH, T.plusSeconds(30), 500);
        assertThat(samples.rate(BATCH, T, 100)).as("a reading from the future is dropped").isEmpty();
        samples.rate(BATCH, T.plusSeconds(10), 600);
        assertThat(samples.rate(BATCH, T.plusSeconds(20), 400)).as("failed devices requeued: fewer finished").isEmpty();
        assertThat(samples.rate(BATCH, T.plusSeconds(30), 900)).hasValue(50.0);
    }
}
