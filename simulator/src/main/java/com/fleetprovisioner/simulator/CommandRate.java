package com.fleetprovisioner.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The server-wide command-rate limit ({@link FaultSettings#commandRateLimit()}): commands accepted in the
 * last second over every session, and the times at which the limit answered 105 — the evidence a pacing
 * test counts. Only accepted commands fill the window: a refused one was not processed.
 */
public final class CommandRate {
    private static final long WINDOW_MILLIS = 1000;

    private final ArrayDeque<Long> accepted = new ArrayDeque<>();
    private final List<Instant> refusals = new ArrayList<>();

    /** True when the command may be processed (and is counted); false when it is over the limit. */
    synchronized boolean admit(Instant now, int limit) {
        long millis = now.toEpochMilli();
        while (!accepted.isEmpty() && accepted.peekFirst() <= millis - WINDOW_MILLIS) {
            accepted.pollFirst();
        }
        if (accepted.size() >= limit) {
            refusals.add(now);
            return false;
        }
        accepted.addLast(millis);
        return true;
    }

    /** Every 105 the limit answered, in order. */
    public synchronized List<Instant> refusals() {
        return List.copyOf(refusals);
    }

    public synchronized void clear() {
        accepted.clear();
        refusals.clear();
    }
}
