package com.fleetprovisioner.db.device;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * How many devices of a batch had finished each time its progress was read, for the last minute: a batch
 * page or API client polling a running batch gets its rate from two readings of the counters instead of
 * a query over every device the batch finished in the last minute (up to 24,000 rows at 400 devices/s,
 * read again on every poll of every open page; 9 % of the shipped app's CPU in a 10,000-device run
 * polled once a second). Kept per process, for the batches read most recently; a first reading, or one
 * after a pause in polling, has nothing to compare with and the caller measures the rate from the table.
 */
final class ProgressSamples {
    /** Batches remembered (least recently read forgotten first): a few KB each at most. */
    private static final int BATCHES = 1_000;
    /** One reading a second is kept, so a minute is at most 60 per batch however often pages poll. */
    private static final Duration SPACING = Duration.ofSeconds(1);

    private record Sample(Instant at, long finished) {
    }

    private final Duration window;
    private final Duration minSpan;
    private final Map<Long, ArrayDeque<Sample>> byBatch = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, ArrayDeque<Sample>> eldest) {
            return size() > BATCHES;
        }
    };

    /**
     * @param window readings older than this are forgotten
     * @param minSpan a rate is measured over at least this long
     */
    ProgressSamples(Duration window, Duration minSpan) {
        this.window = window;
        this.minSpan = minSpan;
    }

    /**
     * Notes that {@code finished} devices of the batch had finished at {@code now} and returns the devices
     * finished per second since the oldest reading kept, when that one is at least the minimum span old.
     * The measurement starts at the last reading before the batch made progress, so a batch that began to
     * finish devices 10 s ago is measured over those 10 s, not over the minute it has been watched.
     */
    synchronized OptionalDouble rate(long batchId, Instant now, long finished) {
        ArrayDeque<Sample> samples = byBatch.computeIfAbsent(batchId, id -> new ArrayDeque<>());
        if (samples.stream().anyMatch(s -> s.at().isAfter(now) || s.finished() > finished)) {
            samples.clear(); // the clock went back, or a requeue took finished devices back: start again
        }
        Instant oldestKept = now.minus(window);
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(oldestKept)) {
            samples.pollFirst();
        }
        while (samples.size() > 1 && samples.peekFirst().finished() == secondOf(samples).finished()) {
            samples.pollFirst();
        }
        OptionalDouble rate = OptionalDouble.empty();
        Sample oldest = samples.peekFirst();
        if (oldest != null && !oldest.at().plus(minSpan).isAfter(now)) {
            rate = OptionalDouble.of((finished - oldest.finished()) * 1000.0 / Duration.between(oldest.at(), now).toMillis());
        }
        Sample last = samples.peekLast();
        if (last == null || !last.at().plus(SPACING).isAfter(now)) {
            samples.addLast(new Sample(now, finished));
        }
        return rate;
    }

    private static Sample secondOf(ArrayDeque<Sample> samples) {
        var it = samples.iterator();
        it.next();
        return it.next();
    }
}
