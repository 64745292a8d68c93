package com.fleetprovisioner.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Every command frame received (name and time), and futures that tests can wait on instead of sleeping. */
public final class Receipts {

    public record Receipt(String command, Instant receivedAt) {
    }

    private final List<Receipt> receipts = new ArrayList<>();
    private final List<Map.Entry<String, CompletableFuture<Receipt>>> waiting = new ArrayList<>();

    synchronized void record(String command, Instant at) {
        Receipt r = new Receipt(command, at);
        receipts.add(r);
        for (Iterator<Map.Entry<String, CompletableFuture<Receipt>>> it = waiting.iterator(); it.hasNext(); ) {
            var w = it.next();
            if (w.getKey().equals(command)) {
                it.remove();
                w.getValue().complete(r);
            }
        }
    }

    public synchronized List<Receipt> all() {
        return List.copyOf(receipts);
    }

    /** Completes when the next {@code command} frame arrives. */
    public synchronized CompletableFuture<Receipt> next(String command) {
        CompletableFuture<Receipt> f = new CompletableFuture<>();
        waiting.add(Map.entry(command, f));
        return f;
    }
}
