package com.fleetprovisioner.core.reconcile;

import com.fleetprovisioner.core.common.StoredId;
import com.fleetprovisioner.core.common.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One reconciliation: the company compared (with its children), who started it and how, its progress
 * while it runs and, once completed, the devices per category.
 */
public record ReconcileRun(long id, long company, State state, Trigger trigger, Optional<Long> startedBy,
        Instant requestedAt, Optional<Instant> startedAt, Optional<Instant> endedAt, int companiesTotal,
        int companiesDone, long providersSeen, Map<ReconcileCategory, Long> counts, long imported,
        Optional<Long> importedBatch, Optional<String> error) {

    public enum State implements StoredId {
        QUEUED, RUNNING, COMPLETED, FAILED;

        /** The state's label, for a text that names it (shown in the reader's language). */
        public Text label() {
            return Text.of("reconcile.state." + id());
        }

        public static State fromId(String id) {
            return StoredId.fromId(State.class, id);
        }
    }

    /** How a run was asked for. */
    public enum Trigger implements StoredId {
        PAGE, API, SCHEDULE;

        public static Trigger fromId(String id) {
            return StoredId.fromId(Trigger.class, id);
        }
    }

    public ReconcileRun {
        counts = Map.copyOf(counts);
    }

    public long count(ReconcileCategory category) {
        return counts.getOrDefault(category, 0L);
    }

    public boolean ended() {
        return state == State.COMPLETED || state == State.FAILED;
    }

    /** From start to end, or to {@code now} while it runs; empty before it started. */
    public Optional<Duration> duration(Instant now) {
        return startedAt.map(s -> Duration.between(s, endedAt.orElse(now)));
    }
}
