package com.fleetprovisioner.fleetfreedom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Holds all senders while the server has asked us to wait (throttling, §3) or announced maintenance
 * (broadcast). One gate is shared by every client a supervisor creates; {@link #current()} and
 * {@link #pause} are the seam through which a pipeline can later share a pause across processes.
 */
public final class PauseGate {

    /** Why sending is held: set where the pause is made from the server's answer, never read from the reason text. */
    public enum Kind {
        /** The server answered with a throttle code (§3). */
        THROTTLE,
        /** The server broadcast a maintenance window. */
        MAINTENANCE
    }

    /** Sending is held from {@code from} (inclusive) until {@code until} (exclusive), local clock. */
    public record Pause(Instant from, Instant until, Kind kind, String reason) {
        boolean activeAt(Instant now) {
            return !now.isBefore(from) && now.isBefore(until);
        }
    }

    private final Clock clock;
    private final List<Pause> pauses = new ArrayList<>();

    public PauseGate(Clock clock) {
        this.clock = clock;
    }

    public synchronized void pause(Instant from, Instant until, Kind kind, String reason) {
        if (until.isAfter(from)) {
            pauses.add(new Pause(from, until, kind, reason));
            notifyAll();
        }
    }

    public void pauseFor(Duration duration, Kind kind, String reason) {
        Instant now = clock.instant();
        pause(now, now.plus(duration), kind, reason);
    }

    /** The pause in force (the one ending last), else the next one announced; empty when none. */
    public synchronized Optional<Pause> current() {
        Instant now = clock.instant();
        pauses.removeIf(p -> !now.isBefore(p.until));
        Optional<Pause> active = pauses.stream().filter(p -> p.activeAt(now))
                .max(Comparator.comparing(Pause::until));
        return active.isPresent() ? active : pauses.stream().min(Comparator.comparing(Pause::from));
    }

    public synchronized void clear() {
        pauses.clear();
        notifyAll();
    }

    /** Blocks the calling sender while a pause is in force. */
    public synchronized void awaitClear() throws InterruptedException {
        while (true) {
            Optional<Pause> p = current();
            Instant now = clock.instant();
            if (p.isEmpty() || !p.get().activeAt(now)) {
                return;
            }
            wait(Math.max(1, Duration.between(now, p.get().until).toMillis() + 1));
        }
    }
}
