package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.common.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Discards drafts nobody touched for {@code FP_DRAFT_RETENTION_DAYS}: every abandoned upload leaves one,
 * and they crowd out the batches that run. Each is discarded as a person would (draft → discarded, only if
 * it is still a draft) and audited as the system's doing. A retention of zero keeps drafts forever.
 */
public final class DraftCleanup {
    /** Drafts discarded per round: a backlog goes in bounded steps. */
    static final int PER_ROUND = 500;

    private final BatchRepository batches;
    private final AuditLog audit;
    private final Transactions transactions;
    private final Duration retention;
    private final Clock clock;

    public DraftCleanup(BatchRepository batches, AuditLog audit, Transactions transactions, Duration retention,
            Clock clock) {
        this.batches = batches;
        this.audit = audit;
        this.transactions = transactions;
        this.retention = retention;
        this.clock = clock;
    }

    /** Returns how many drafts were discarded now. */
    public int discardStale() {
        if (retention.isZero()) {
            return 0;
        }
        Instant now = clock.instant();
        Instant untouchedSince = now.minus(retention);
        List<Long> stale = transactions.inTransaction(() -> batches.staleDrafts(untouchedSince, PER_ROUND));
        int discarded = 0;
        for (long id : stale) {
            boolean done = transactions.inTransaction(() -> {
                if (!batches.transition(id, Batch.State.DRAFT, Batch.State.DISCARDED, java.util.Optional.empty(), now)) {
                    return false; // submitted or discarded meanwhile
                }
                audit.record(new AuditEntry(now, Actor.system(), "batch.discard.stale", "batch " + id,
                        "untouched for " + retention.toDays() + " days (FP_DRAFT_RETENTION_DAYS)"));
                return true;
            });
            discarded += done ? 1 : 0;
        }
        return discarded;
    }
}
