package com.fleetprovisioner.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Every {@code mergeProvider} the simulator received, in order of receipt, with what it did about it:
 * the evidence that each device was created exactly once and that nothing was sent while throttled.
 */
public final class Ledger {

    public enum Outcome {
        CREATED, UPDATED, REJECTED, INJECTED_ERROR, THROTTLED, DROPPED_BEFORE_APPLY, CREATED_REPLY_DROPPED,
        SESSION_ERROR
    }

    public record Entry(String providerId, Instant receivedAt, Outcome outcome, int errorCode, String ghostId) {
    }

    private final List<Entry> entries = new ArrayList<>();

    synchronized void record(Entry entry) {
        entries.add(entry);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized List<Entry> forProvider(String id) {
        return entries.stream().filter(e -> e.providerId().equals(id)).toList();
    }

    /** How often the provider was actually created (the reply may have been lost). */
    public synchronized long creations(String id) {
        return entries.stream().filter(e -> e.providerId().equals(id))
                .filter(e -> e.outcome() == Outcome.CREATED || e.outcome() == Outcome.CREATED_REPLY_DROPPED)
                .count();
    }

    public synchronized void clear() {
        entries.clear();
    }
}
