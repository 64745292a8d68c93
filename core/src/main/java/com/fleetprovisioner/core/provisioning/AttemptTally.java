package com.fleetprovisioner.core.provisioning;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How this worker's attempts ended since the last look, one line a minute in its log. A device that is
 * provisioned is logged at DEBUG only (thousands a minute), so without this a worker busy provisioning
 * looked idle in its log; now it says, for example,
 * {@code Attempts ended in the last minute: provisioned 31200, retry_scheduled 12, failed 3}. A minute
 * in which no attempt ended writes nothing.
 */
public final class AttemptTally implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(AttemptTally.class);

    private final Map<DeviceEvent.Type, LongAdder> ended = new EnumMap<>(DeviceEvent.Type.class);

    AttemptTally() {
        for (DeviceEvent.Type type : DeviceEvent.Type.values()) {
            ended.put(type, new LongAdder());
        }
    }

    /** An attempt of this worker's was recorded as ending with an event of this type. */
    void ended(DeviceEvent.Type type) {
        ended.get(type).increment();
    }

    /** The counts since the last call, most first, and back to zero; empty when no attempt ended. */
    public Optional<String> drain() {
        Map<DeviceEvent.Type, Long> counts = new EnumMap<>(DeviceEvent.Type.class);
        ended.forEach((type, n) -> {
            long count = n.sumThenReset();
            if (count > 0) {
                counts.put(type, count);
            }
        });
        if (counts.isEmpty()) {
            return Optional.empty();
        }
        StringJoiner line = new StringJoiner(", ");
        counts.entrySet().stream().sorted(Map.Entry.<DeviceEvent.Type, Long>comparingByValue().reversed())
                .forEach(e -> line.add(e.getKey().id() + " " + e.getValue()));
        return Optional.of(line.toString());
    }

    /** For a timer: the line of the minute that just passed, at INFO. */
    @Override
    public void run() {
        drain().ifPresent(line -> log.info("Attempts ended in the last minute: {}", line));
    }
}
