package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where batches and their rows are kept (implemented in {@code db.batch}). Calls join the caller's transaction. */
public interface BatchRepository {

    record NewBatch(Batch.Source source, Optional<String> fileName, Optional<String> fileSha256, long fileSize,
            IntakeDefaults defaults, long createdBy, Instant createdAt) {
    }

    long create(NewBatch batch);

    /** The batch and its rows, gone: an upload that failed half-way (its batch was never a draft). */
    void delete(long batchId);

    /** Rows as validated; passwords already sealed. */
    void insertRows(long batchId, List<IntakeRow> rows);

    /** The header as read and the final totals, once every row is in. */
    void finish(long batchId, List<String> header, List<String> notices, Batch.Counts counts, Instant now);

    /** Which column gave which field, when a person chose it or it was remembered for the header's layout. */
    void setColumns(long batchId, java.util.Map<DeviceField, Integer> columns);

    /** The mapping confirmed for a header layout ({@link HeaderMapping#layoutKey}), if any. */
    Optional<java.util.Map<DeviceField, Integer>> rememberedColumns(String layoutKey);

    /** Keeps a confirmed mapping for its header layout, replacing an earlier one. */
    void rememberColumns(String layoutKey, java.util.Map<DeviceField, Integer> columns, long userId, Instant now);

    /**
     * Moves the valid rows, and the warned rows named, of one draft to another (a partial submit), keeping
     * their row numbers; returns how many moved.
     */
    int moveRows(long fromBatchId, long toBatchId, Collection<Integer> acknowledgedWarnings);

    /** Sets the batch's totals from its rows, after rows moved; returns them. */
    Batch.Counts recount(long batchId, Instant now);

    Optional<Batch> find(long batchId);

    /** Rows passing the filter, in order, after {@code afterRow} (exclusive): a keyset page. */
    List<IntakeRow> pageAfter(long batchId, RowFilter filter, int afterRow, int limit);

    /** The last {@code limit} rows passing the filter before {@code beforeRow} (exclusive), in order. */
    List<IntakeRow> pageBefore(long batchId, RowFilter filter, int beforeRow, int limit);

    /** The row number of the row passing the filter at {@code offset} (from 0), if there is one. */
    Optional<Integer> rowAt(long batchId, RowFilter filter, int offset);

    /** Rows a submit queues (valid and warning), in order, after {@code afterRow}. */
    List<IntakeRow> submittable(long batchId, int afterRow, int limit);

    /**
     * Moves the batch from one state to another only if it is still in {@code from}: the guard that
     * makes a double submit queue nothing twice. False when another request got there first.
     */
    boolean transition(long batchId, Batch.State from, Batch.State to, Optional<Long> userId, Instant now);

    /** Adds a message to rows that a concurrent batch took before this one (they become {@code existing}). */
    void markTakenMeanwhile(long batchId, Collection<Integer> rowNumbers, Text message);

    void setDevicesQueued(long batchId, int devicesQueued, Instant now);

    /** Drafts not changed since {@code untouchedSince}, oldest first. */
    List<Long> staleDrafts(Instant untouchedSince, int limit);
}
