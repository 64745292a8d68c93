package com.fleetprovisioner.db.batch;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.BATCH_ROW;
import static com.fleetprovisioner.db.jooq.Tables.COLUMN_LAYOUT;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.BatchRepository;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.core.intake.DeviceValues;
import com.fleetprovisioner.core.intake.IntakeDefaults;
import com.fleetprovisioner.core.intake.IntakeRow;
import com.fleetprovisioner.core.intake.RowFilter;
import com.fleetprovisioner.core.intake.RowMessage;
import com.fleetprovisioner.core.intake.RowStatus;
import com.fleetprovisioner.db.jooq.tables.records.BatchRecord;
import com.fleetprovisioner.db.jooq.tables.records.BatchRowRecord;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

public final class JooqBatchRepository implements BatchRepository {
    private static final int RAW_JSON_CHARS = 16_000;
    private static final int MESSAGES_JSON_CHARS = 8_000;
    private static final int HEADER_JSON_CHARS = 8_000;
    private static final List<String> PROBLEMS = List.of(RowStatus.WARNING.id(), RowStatus.ERROR.id(),
            RowStatus.DUPLICATE.id(), RowStatus.EXISTING.id());
    private static final List<String> SUBMITTED_PROBLEMS = List.of(RowStatus.ERROR.id(), RowStatus.DUPLICATE.id(),
            RowStatus.EXISTING.id());

    private final DSLContext dsl;
    /** Uploads insert in chunks of one size (but the last): that statement is rendered once. */
    private volatile RenderedInsert largestInsert = new RenderedInsert(0, "");

    private record RenderedInsert(int rows, String sql) {
    }

    public JooqBatchRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public long create(NewBatch batch) {
        return dsl.insertInto(BATCH)
                .set(BATCH.SOURCE, batch.source().id())
                .set(BATCH.STATE, Batch.State.DRAFT.id())
                .set(BATCH.FILE_NAME, batch.fileName().map(n -> n.length() > 255 ? n.substring(0, 255) : n).orElse(null))
                .set(BATCH.FILE_SHA256, batch.fileSha256().orElse(null))
                .set(BATCH.FILE_SIZE, batch.fileSize())
                .set(BATCH.DEFAULT_COMPANY, batch.defaults().company().orElse(null))
                .set(BATCH.DEFAULT_KIND, batch.defaults().kind().orElse(null))
                .set(BATCH.CREATED_BY, batch.createdBy())
                .set(BATCH.CREATED_AT, batch.createdAt())
                .set(BATCH.UPDATED_AT, batch.createdAt())
                .returning(BATCH.ID).fetchOne().getId();
    }

    @Override
    public void delete(long batchId) {
        dsl.deleteFrom(BATCH_ROW).where(BATCH_ROW.BATCH_ID.eq(batchId)).execute();
        dsl.deleteFrom(BATCH).where(BATCH.ID.eq(batchId)).execute();
    }

    /**
     * One multi-row insert per chunk, rendered by jOOQ once per chunk size (with bind markers) and bound
     * through JDBC: rendering and binding 13 × 500 values through jOOQ's query model was a third of an
     * upload's time, and jOOQ's batch API walks the model for every row as well.
     */
    @Override
    public void insertRows(long batchId, List<IntakeRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        String sql = insertSql(rows.size());
        dsl.connection(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(sql)) {
                int p = 0;
                for (IntakeRow row : rows) {
                    DeviceValues v = row.values();
                    insert.setLong(++p, batchId);
                    insert.setInt(++p, row.rowNumber());
                    insert.setString(++p, RowJson.cells(row.cells(), RAW_JSON_CHARS));
                    text(insert, ++p, v.providerId());
                    text(insert, ++p, v.kind());
                    number(insert, ++p, v.company());
                    text(insert, ++p, v.phone());
                    text(insert, ++p, v.password());
                    number(insert, ++p, v.config());
                    text(insert, ++p, v.name());
                    insert.setString(++p, row.status().id());
                    text(insert, ++p, row.messages().isEmpty() ? Optional.empty()
                            : Optional.of(RowJson.messages(row.messages(), MESSAGES_JSON_CHARS)));
                    if (row.duplicateOfRow().isPresent()) {
                        insert.setInt(++p, row.duplicateOfRow().get());
                    } else {
                        insert.setNull(++p, Types.INTEGER);
                    }
                }
                insert.executeUpdate();
            }
        });
    }

    /** The insert of this many rows, in the order {@link #insertRows} binds them; the largest one rendered is kept. */
    private String insertSql(int rows) {
        RenderedInsert kept = largestInsert;
        if (kept.rows() == rows) {
            return kept.sql();
        }
        var insert = dsl.insertInto(BATCH_ROW, BATCH_ROW.BATCH_ID, BATCH_ROW.ROW_NUMBER, BATCH_ROW.RAW_JSON,
                BATCH_ROW.PROVIDER_ID, BATCH_ROW.KIND, BATCH_ROW.COMPANY_ID, BATCH_ROW.PHONE_NUMBER,
                BATCH_ROW.PASSWORD_SECRET, BATCH_ROW.CONFIG_ID, BATCH_ROW.NAME, BATCH_ROW.STATUS, BATCH_ROW.MESSAGES_JSON,
                BATCH_ROW.DUPLICATE_OF_ROW).values(0L, 0, "", "", "", 0L, "", "", 0L, "", "", "", 0);
        for (int i = 1; i < rows; i++) {
            insert = insert.values(0L, 0, "", "", "", 0L, "", "", 0L, "", "", "", 0);
        }
        String sql = dsl.render(insert);
        if (rows > kept.rows()) {
            largestInsert = new RenderedInsert(rows, sql);
        }
        return sql;
    }

    private static void text(PreparedStatement insert, int index, Optional<String> value) throws SQLException {
        if (value.isPresent()) {
            insert.setString(index, value.get());
        } else {
            insert.setNull(index, Types.VARCHAR);
        }
    }

    private static void number(PreparedStatement insert, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            insert.setLong(index, value.get());
        } else {
            insert.setNull(index, Types.BIGINT);
        }
    }

    @Override
    public void finish(long batchId, List<String> header, List<String> notices, Batch.Counts counts, Instant now) {
        dsl.update(BATCH)
                .set(BATCH.HEADER_JSON, RowJson.strings(header, HEADER_JSON_CHARS))
                .set(BATCH.NOTICES_JSON, RowJson.strings(notices, HEADER_JSON_CHARS))
                .set(BATCH.ROWS_TOTAL, counts.total())
                .set(BATCH.ROWS_VALID, counts.valid())
                .set(BATCH.ROWS_WARNING, counts.warning())
                .set(BATCH.ROWS_ERROR, counts.error())
                .set(BATCH.ROWS_DUPLICATE, counts.duplicate())
                .set(BATCH.ROWS_EXISTING, counts.existing())
                .set(BATCH.UPDATED_AT, now)
                .where(BATCH.ID.eq(batchId)).execute();
    }

    @Override
    public void setColumns(long batchId, Map<DeviceField, Integer> columns) {
        dsl.update(BATCH).set(BATCH.COLUMNS_MAP, ColumnsMap.write(columns)).where(BATCH.ID.eq(batchId)).execute();
    }

    @Override
    public Optional<Map<DeviceField, Integer>> rememberedColumns(String layoutKey) {
        return dsl.select(COLUMN_LAYOUT.COLUMNS_MAP).from(COLUMN_LAYOUT).where(COLUMN_LAYOUT.LAYOUT_KEY.eq(layoutKey))
                .fetchOptional(COLUMN_LAYOUT.COLUMNS_MAP).map(ColumnsMap::read).filter(m -> !m.isEmpty());
    }

    /** Update first, insert if nothing was there: plain statements that H2 and PostgreSQL read alike. */
    @Override
    public void rememberColumns(String layoutKey, Map<DeviceField, Integer> columns, long userId, Instant now) {
        String map = ColumnsMap.write(columns);
        int updated = dsl.update(COLUMN_LAYOUT).set(COLUMN_LAYOUT.COLUMNS_MAP, map).set(COLUMN_LAYOUT.SAVED_BY, userId)
                .set(COLUMN_LAYOUT.SAVED_AT, now).where(COLUMN_LAYOUT.LAYOUT_KEY.eq(layoutKey)).execute();
        if (updated == 0) {
            dsl.insertInto(COLUMN_LAYOUT).set(COLUMN_LAYOUT.LAYOUT_KEY, layoutKey).set(COLUMN_LAYOUT.COLUMNS_MAP, map)
                    .set(COLUMN_LAYOUT.SAVED_BY, userId).set(COLUMN_LAYOUT.SAVED_AT, now)
                    .onConflict(COLUMN_LAYOUT.LAYOUT_KEY).doNothing().execute();
        }
    }

    @Override
    public int moveRows(long fromBatchId, long toBatchId, Collection<Integer> acknowledgedWarnings) {
        Condition warned = acknowledgedWarnings.isEmpty() ? DSL.falseCondition()
                : BATCH_ROW.STATUS.eq(RowStatus.WARNING.id()).and(BATCH_ROW.ROW_NUMBER.in(acknowledgedWarnings));
        return dsl.update(BATCH_ROW).set(BATCH_ROW.BATCH_ID, toBatchId).where(BATCH_ROW.BATCH_ID.eq(fromBatchId))
                .and(BATCH_ROW.STATUS.eq(RowStatus.VALID.id()).or(warned)).execute();
    }

    @Override
    public Batch.Counts recount(long batchId, Instant now) {
        Map<String, Integer> by = dsl.select(BATCH_ROW.STATUS, DSL.count()).from(BATCH_ROW)
                .where(BATCH_ROW.BATCH_ID.eq(batchId)).groupBy(BATCH_ROW.STATUS).fetchMap(BATCH_ROW.STATUS, DSL.count());
        int valid = by.getOrDefault(RowStatus.VALID.id(), 0);
        int warning = by.getOrDefault(RowStatus.WARNING.id(), 0);
        int error = by.getOrDefault(RowStatus.ERROR.id(), 0);
        int duplicate = by.getOrDefault(RowStatus.DUPLICATE.id(), 0);
        int existing = by.getOrDefault(RowStatus.EXISTING.id(), 0);
        Batch.Counts counts = new Batch.Counts(valid + warning + error + duplicate + existing, valid, warning, error,
                duplicate, existing);
        dsl.update(BATCH).set(BATCH.ROWS_TOTAL, counts.total()).set(BATCH.ROWS_VALID, valid)
                .set(BATCH.ROWS_WARNING, warning).set(BATCH.ROWS_ERROR, error).set(BATCH.ROWS_DUPLICATE, duplicate)
                .set(BATCH.ROWS_EXISTING, existing).set(BATCH.UPDATED_AT, now).where(BATCH.ID.eq(batchId)).execute();
        return counts;
    }

    @Override
    public Optional<Batch> find(long batchId) {
        return dsl.selectFrom(BATCH).where(BATCH.ID.eq(batchId)).fetchOptional().map(JooqBatchRepository::toBatch);
    }

    /**
     * A keyset page. Each query is a seek that H2 stops after at most {@code limit} index entries: ordered
     * by the row number alone H2 reads every row after the cursor and sorts them, with {@code status IN (…)}
     * it reads the batch's whole status index (100,001 entries for any page of a 100,000-row batch), and
     * ordered by the whole primary key ascending it keeps {@code batch_id = ?} but drops the row number's
     * bound (it reads the batch from its first row). So: every row forward is read in windows of row numbers
     * ({@link #rowsFrom}); backwards, the primary key descending keeps its bound; a filter is one seek per
     * status on {@code ix_batch_row_status}, ordered by that whole key (which keeps the bound both ways),
     * merged here.
     */
    @Override
    public List<IntakeRow> pageAfter(long batchId, RowFilter filter, int afterRow, int limit) {
        boolean submitted = submitted(batchId);
        List<String> statuses = statuses(filter, submitted);
        return shown(statuses.isEmpty() ? rowsFrom(batchId, afterRow, limit)
                : merged(batchId, statuses, BATCH_ROW.ROW_NUMBER.gt(afterRow), false, limit), submitted);
    }

    @Override
    public List<IntakeRow> pageBefore(long batchId, RowFilter filter, int beforeRow, int limit) {
        boolean submitted = submitted(batchId);
        List<String> statuses = statuses(filter, submitted);
        List<IntakeRow> rows = new ArrayList<>(statuses.isEmpty()
                ? dsl.selectFrom(BATCH_ROW).where(BATCH_ROW.BATCH_ID.eq(batchId)).and(BATCH_ROW.ROW_NUMBER.lt(beforeRow))
                        .orderBy(BATCH_ROW.BATCH_ID.desc(), BATCH_ROW.ROW_NUMBER.desc()).limit(limit)
                        .fetch(JooqBatchRepository::toRow)
                : merged(batchId, statuses, BATCH_ROW.ROW_NUMBER.lt(beforeRow), true, limit));
        Collections.reverse(rows);
        return shown(rows, submitted);
    }

    /**
     * A page asked for by its number alone (an address typed by hand, or the API's {@code page}): the row
     * numbers before it are counted through, which reads them (the page links carry a cursor instead).
     */
    @Override
    public Optional<Integer> rowAt(long batchId, RowFilter filter, int offset) {
        List<String> statuses = statuses(filter, submitted(batchId));
        // ordered by a whole index key, H2 counts through that index instead of sorting the batch first
        List<org.jooq.OrderField<?>> order = switch (statuses.size()) {
            case 0 -> List.of(BATCH_ROW.BATCH_ID, BATCH_ROW.ROW_NUMBER);
            case 1 -> List.of(BATCH_ROW.BATCH_ID, BATCH_ROW.STATUS, BATCH_ROW.ROW_NUMBER);
            default -> List.of(BATCH_ROW.ROW_NUMBER);
        };
        return dsl.select(BATCH_ROW.ROW_NUMBER).from(BATCH_ROW).where(BATCH_ROW.BATCH_ID.eq(batchId))
                .and(only(statuses)).orderBy(order).limit(1).offset(offset).fetchOptional(BATCH_ROW.ROW_NUMBER);
    }

    /**
     * Rows after {@code afterRow} in windows of row numbers bounded on both sides (H2 seeks those), the
     * first as wide as the page, each next one twice as wide; after an empty window (a gap: a partial submit
     * moved rows out, a page number below the first row, or the end) the next starts at the next row there is.
     */
    private List<IntakeRow> rowsFrom(long batchId, int afterRow, int limit) {
        List<IntakeRow> found = new ArrayList<>(limit);
        long after = afterRow;
        for (long width = limit; ; width *= 2) {
            long upTo = Math.min(Integer.MAX_VALUE, after + width);
            List<IntakeRow> window = dsl.selectFrom(BATCH_ROW).where(BATCH_ROW.BATCH_ID.eq(batchId))
                    .and(BATCH_ROW.ROW_NUMBER.gt((int) after)).and(BATCH_ROW.ROW_NUMBER.le((int) upTo))
                    .orderBy(BATCH_ROW.ROW_NUMBER).limit(limit - found.size()).fetch(JooqBatchRepository::toRow);
            found.addAll(window);
            if (found.size() >= limit || upTo == Integer.MAX_VALUE) {
                return found;
            }
            Optional<Integer> next = window.isEmpty() ? nextRow(batchId, (int) upTo) : Optional.of((int) upTo + 1);
            if (next.isEmpty()) {
                return found;
            }
            after = next.get() - 1L;
        }
    }

    /** The first row number after {@code afterRow}: one seek of the status index per status (each stops at one entry). */
    private Optional<Integer> nextRow(long batchId, int afterRow) {
        Optional<Integer> next = Optional.empty();
        for (RowStatus status : RowStatus.values()) {
            Optional<Integer> first = dsl.select(BATCH_ROW.ROW_NUMBER).from(BATCH_ROW).where(BATCH_ROW.BATCH_ID.eq(batchId))
                    .and(BATCH_ROW.STATUS.eq(status.id())).and(BATCH_ROW.ROW_NUMBER.gt(afterRow))
                    .orderBy(BATCH_ROW.BATCH_ID, BATCH_ROW.STATUS, BATCH_ROW.ROW_NUMBER).limit(1)
                    .fetchOptional(BATCH_ROW.ROW_NUMBER);
            if (first.isPresent() && (next.isEmpty() || first.get() < next.get())) {
                next = first;
            }
        }
        return next;
    }

    private List<IntakeRow> merged(long batchId, List<String> statuses, Condition from, boolean backwards, int limit) {
        List<IntakeRow> merged = new ArrayList<>();
        for (String status : statuses) {
            merged.addAll(dsl.selectFrom(BATCH_ROW).where(BATCH_ROW.BATCH_ID.eq(batchId))
                    .and(BATCH_ROW.STATUS.eq(status)).and(from)
                    .orderBy(backwards ? List.of(BATCH_ROW.BATCH_ID.desc(), BATCH_ROW.STATUS.desc(), BATCH_ROW.ROW_NUMBER.desc())
                            : List.of(BATCH_ROW.BATCH_ID.asc(), BATCH_ROW.STATUS.asc(), BATCH_ROW.ROW_NUMBER.asc()))
                    .limit(limit).fetch(JooqBatchRepository::toRow));
        }
        Comparator<IntakeRow> order = Comparator.comparingInt(IntakeRow::rowNumber);
        return merged.stream().sorted(backwards ? order.reversed() : order).limit(limit).toList();
    }

    /** The statuses a filter keeps (none: every row); a submitted batch's warned rows are queued, not problems. */
    private static List<String> statuses(RowFilter filter, boolean submitted) {
        return switch (filter) {
            case ALL -> List.of();
            case PROBLEMS -> submitted ? SUBMITTED_PROBLEMS : PROBLEMS;
            case ERRORS -> List.of(RowStatus.ERROR.id());
        };
    }

    private static Condition only(List<String> statuses) {
        return statuses.isEmpty() ? DSL.noCondition() : BATCH_ROW.STATUS.in(statuses);
    }

    /**
     * Past its draft, a batch's valid and warned rows are its queued devices: the submit is one transaction
     * and marks the rows another batch took meanwhile {@code existing}, so every other submittable row was
     * queued. Rows are not rewritten as {@code queued} (a sixth of a 100,000-device submit on H2); they are
     * shown so. Rows submitted before this still say {@code queued} themselves.
     */
    private boolean submitted(long batchId) {
        return dsl.select(BATCH.STATE).from(BATCH).where(BATCH.ID.eq(batchId)).fetchOptional(BATCH.STATE)
                .map(state -> !state.equals(Batch.State.DRAFT.id()) && !state.equals(Batch.State.DISCARDED.id()))
                .orElse(false);
    }

    private static List<IntakeRow> shown(List<IntakeRow> rows, boolean submitted) {
        return submitted ? rows.stream().map(r -> r.status().submittable() ? r.withStatus(RowStatus.QUEUED) : r).toList()
                : rows;
    }

    /**
     * Walks the primary key in windows of {@code limit} row numbers and keeps the submittable rows. H2 reads
     * {@code row_number > ? ORDER BY row_number LIMIT ?} as every row after the cursor, sorted, then cut
     * (ordering by the whole key instead, it drops the range and reads the batch from its first row): a
     * 100,000-row submit read and sorted 200 × 50,000 rows on average, three quarters of its time. A window
     * bounded on both sides is a seek and at most {@code limit} rows on both databases. With the status in
     * SQL, H2 picks ix_batch_row_status (ordered by status first) and reads the batch's whole index on every
     * call. An empty window (a gap in the row numbers, or the end) asks where the next row is.
     */
    @Override
    public List<IntakeRow> submittable(long batchId, int afterRow, int limit) {
        List<IntakeRow> found = new ArrayList<>(limit);
        long after = afterRow;
        while (found.size() < limit && after < Integer.MAX_VALUE) {
            long upTo = Math.min(Integer.MAX_VALUE, after + limit);
            List<IntakeRow> rows = dsl.selectFrom(BATCH_ROW).where(BATCH_ROW.BATCH_ID.eq(batchId))
                    .and(BATCH_ROW.ROW_NUMBER.gt((int) after)).and(BATCH_ROW.ROW_NUMBER.le((int) upTo))
                    .orderBy(BATCH_ROW.ROW_NUMBER).fetch(JooqBatchRepository::toRow);
            if (rows.isEmpty()) {
                Integer next = dsl.select(DSL.min(BATCH_ROW.ROW_NUMBER)).from(BATCH_ROW)
                        .where(BATCH_ROW.BATCH_ID.eq(batchId)).and(BATCH_ROW.ROW_NUMBER.gt((int) after))
                        .fetchOne(0, Integer.class);
                if (next == null) {
                    break;
                }
                after = next - 1L;
                continue;
            }
            rows.stream().filter(r -> r.status().submittable()).limit(limit - found.size()).forEach(found::add);
            after = upTo;
        }
        return found;
    }

    @Override
    public boolean transition(long batchId, Batch.State from, Batch.State to, Optional<Long> userId, Instant now) {
        var update = dsl.update(BATCH).set(BATCH.STATE, to.id()).set(BATCH.UPDATED_AT, now);
        if (to == Batch.State.SUBMITTED) {
            update = update.set(BATCH.SUBMITTED_BY, userId.orElse(null)).set(BATCH.SUBMITTED_AT, now);
        }
        return update.where(BATCH.ID.eq(batchId)).and(BATCH.STATE.eq(from.id())).execute() == 1;
    }

    @Override
    public void markTakenMeanwhile(long batchId, Collection<Integer> rowNumbers, Text message) {
        for (IntakeRow row : dsl.selectFrom(BATCH_ROW).where(BATCH_ROW.BATCH_ID.eq(batchId))
                .and(BATCH_ROW.ROW_NUMBER.in(rowNumbers)).fetch(JooqBatchRepository::toRow)) {
            List<RowMessage> messages = new ArrayList<>(row.messages());
            messages.add(RowMessage.rowError(message));
            dsl.update(BATCH_ROW).set(BATCH_ROW.STATUS, RowStatus.EXISTING.id())
                    .set(BATCH_ROW.MESSAGES_JSON, RowJson.messages(messages, MESSAGES_JSON_CHARS))
                    .where(BATCH_ROW.BATCH_ID.eq(batchId)).and(BATCH_ROW.ROW_NUMBER.eq(row.rowNumber())).execute();
        }
    }

    @Override
    public void setDevicesQueued(long batchId, int devicesQueued, Instant now) {
        dsl.update(BATCH).set(BATCH.DEVICES_QUEUED, devicesQueued).set(BATCH.UPDATED_AT, now)
                .where(BATCH.ID.eq(batchId)).execute();
    }

    /**
     * The batch a reconciliation's import of devices found only in Fleet Freedom goes into: ended at once
     * (its devices are pre-existing, nothing is sent); {@link #setImportedRows} records how many it took.
     */
    public long createReconciliation(long runId, long userId, Instant now) {
        return dsl.insertInto(BATCH)
                .set(BATCH.SOURCE, Batch.Source.RECONCILIATION.id())
                .set(BATCH.STATE, Batch.State.COMPLETED.id())
                .set(BATCH.FILE_NAME, "Reconciliation " + runId)
                .set(BATCH.CREATED_BY, userId).set(BATCH.CREATED_AT, now)
                .set(BATCH.SUBMITTED_BY, userId).set(BATCH.SUBMITTED_AT, now)
                .set(BATCH.ENDED_AT, now).set(BATCH.UPDATED_AT, now)
                .returning(BATCH.ID).fetchOne().getId();
    }

    public void setImportedRows(long batchId, int rows) {
        dsl.update(BATCH).set(BATCH.ROWS_TOTAL, rows).set(BATCH.ROWS_VALID, rows).where(BATCH.ID.eq(batchId)).execute();
    }

    private static Batch toBatch(BatchRecord r) {
        return new Batch(r.getId(), Batch.Source.fromId(r.getSource()),
                Batch.State.fromId(r.getState()), Optional.ofNullable(r.getFileName()), Optional.ofNullable(r.getFileSha256()),
                r.getFileSize() == null ? 0 : r.getFileSize(), RowJson.cells(r.getHeaderJson()),
                new IntakeDefaults(Optional.ofNullable(r.getDefaultCompany()), Optional.ofNullable(r.getDefaultKind())),
                r.getCreatedBy(), r.getCreatedAt(), Optional.ofNullable(r.getSubmittedAt()),
                new Batch.Counts(r.getRowsTotal(), r.getRowsValid(), r.getRowsWarning(), r.getRowsError(),
                        r.getRowsDuplicate(), r.getRowsExisting()),
                r.getDevicesQueued(), RowJson.cells(r.getNoticesJson()), ColumnsMap.read(r.getColumnsMap()));
    }

    private static IntakeRow toRow(BatchRowRecord r) {
        return new IntakeRow(r.getRowNumber(), RowJson.cells(r.getRawJson()),
                new DeviceValues(Optional.ofNullable(r.getProviderId()), Optional.ofNullable(r.getKind()),
                        Optional.ofNullable(r.getCompanyId()), Optional.ofNullable(r.getPhoneNumber()),
                        Optional.ofNullable(r.getPasswordSecret()), Optional.ofNullable(r.getConfigId()),
                        Optional.ofNullable(r.getName())),
                RowStatus.fromId(r.getStatus()), RowJson.messages(r.getMessagesJson()),
                Optional.ofNullable(r.getDuplicateOfRow()));
    }

    @Override
    public List<Long> staleDrafts(Instant untouchedSince, int limit) {
        return dsl.select(BATCH.ID).from(BATCH).where(BATCH.STATE.eq(Batch.State.DRAFT.id()))
                .and(BATCH.UPDATED_AT.lt(untouchedSince)).orderBy(BATCH.UPDATED_AT, BATCH.ID).limit(limit)
                .fetch(BATCH.ID);
    }
}
