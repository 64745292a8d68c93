package com.fleetprovisioner.core.reconcile;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Runs and their rows. Rows are written as a run streams, read a page at a time or streamed for exports. */
public interface ReconcileRepository {

    long create(long company, ReconcileRun.Trigger trigger, Optional<Long> startedBy, Instant now);

    Optional<ReconcileRun> find(long id);

    /** The latest runs first. */
    List<ReconcileRun> recent(int limit);

    /**
     * Marks a queued run running (or a run a crashed worker left running, whose rows are dropped so it
     * starts over); empty when the run is unknown or already ended.
     */
    Optional<ReconcileRun> begin(long id, Instant now);

    void companies(long id, int total, Instant now);

    void progress(long id, int companiesDone, long providersSeen, Instant now);

    /** Our records of these provider ids. */
    Map<String, HereDevice> here(Collection<String> providerIds);

    /** Adds rows; a provider id the run already holds keeps its first row. */
    void addRows(long runId, List<ReconcileRow> rows);

    /**
     * Rows {@code missingInFleetFreedom} for our provisioned (and imported) devices in these companies that
     * the run has no row for; returns how many.
     */
    long addMissing(long runId, Collection<Long> companies);

    /** Counts the rows per category and marks the run completed. */
    void complete(long id, Instant now);

    void fail(long id, String message, Instant now);

    /** One page of a category, by provider id after {@code after} (exclusive). */
    List<ReconcileRow> rows(long runId, ReconcileCategory category, Optional<String> after, int limit);

    /** Every row of the run (of one category when given), in category and id order. */
    void forEachRow(long runId, Optional<ReconcileCategory> category, Consumer<ReconcileRow> row);

    /** Rows {@code unknownHere} we hold no record of: what an import would add. */
    long importable(long runId);

    /**
     * Records the importable devices as {@code pre_existing} in a new batch of source {@code reconciliation}
     * (never sent, no billing start), inside the caller's transaction.
     */
    Imported importUnknown(long runId, long userId, Instant now);

    record Imported(long batchId, long devices) {
    }
}
