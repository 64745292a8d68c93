package com.fleetprovisioner.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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
        return entries.stream().filter(e -> e.providerId().equals(id)).filter(Ledger::created).count();
    }

    /** The providers created more than once, in one pass (a benchmark's ledger holds tens of thousands). */
    public synchronized Set<String> createdMoreThanOnce() {
        Map<String, Long> created = entries.stream().filter(Ledger::created)
                .collect(Collectors.groupingBy(Entry::providerId, Collectors.counting()));
        return created.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    private static boolean created(Entry e) {
        return e.outcome() == Outcome.CREATED || e.outcome() == Outcome.CREATED_REPLY_DROPPED;
    }

    public synchronized void clear() {
        entries.clear();
    }
}
