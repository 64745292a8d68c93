package com.fleetprovisioner.db.intake;

import static com.fleetprovisioner.db.jooq.Tables.APP_USER;
import static com.fleetprovisioner.db.jooq.Tables.BATCH;

import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.BatchListing;
import com.fleetprovisioner.core.intake.BatchQuery;
import com.fleetprovisioner.core.intake.BatchSummary;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.db.device.DeviceCounters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The batches list: a keyset page of batch rows (ix_batch_created), then the device counters of just
 * that page's batch ids (a few rows per batch, whatever its size).
 */
public final class JooqBatchListing implements BatchListing {
    private final DSLContext dsl;

    public JooqBatchListing(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<BatchSummary> search(BatchQuery query) {
        List<Condition> where = new ArrayList<>();
        query.state().ifPresent(s -> where.add(BATCH.STATE.eq(s.id())));
        query.createdBy().ifPresent(u -> where.add(BATCH.CREATED_BY.eq(u)));
        query.createdFrom().ifPresent(t -> where.add(BATCH.CREATED_AT.ge(t)));
        query.createdBefore().ifPresent(t -> where.add(BATCH.CREATED_AT.lt(t)));
        query.fileNameContains().ifPresent(n -> where.add(BATCH.FILE_NAME.containsIgnoreCase(n)));
        query.after().ifPresent(c -> where.add(BATCH.CREATED_AT.lt(c.at())
                .or(BATCH.CREATED_AT.eq(c.at()).and(BATCH.ID.lt(c.id())))));
        List<Record> rows = dsl.select(BATCH.asterisk(), APP_USER.USERNAME).from(BATCH)
                .join(APP_USER).on(APP_USER.ID.eq(BATCH.CREATED_BY))
                .where(where).orderBy(BATCH.CREATED_AT.desc(), BATCH.ID.desc()).limit(query.limit()).fetch();
        return summaries(rows);
    }

    @Override
    public Optional<BatchSummary> summary(long batchId, Map<DeviceState, Long> devices) {
        List<Record> rows = dsl.select(BATCH.asterisk(), APP_USER.USERNAME).from(BATCH)
                .join(APP_USER).on(APP_USER.ID.eq(BATCH.CREATED_BY)).where(BATCH.ID.eq(batchId)).fetch();
        return rows.stream().findFirst().map(r -> summary(r, devices));
    }

    private List<BatchSummary> summaries(List<Record> rows) {
        List<Long> ids = rows.stream().map(r -> r.get(BATCH.ID)).toList();
        Map<Long, Map<DeviceState, Long>> counts = new DeviceCounters(dsl).ofBatches(ids);
        return rows.stream().map(r -> summary(r, counts.getOrDefault(r.get(BATCH.ID), Map.of()))).toList();
    }

    private static BatchSummary summary(Record r, Map<DeviceState, Long> devices) {
        return new BatchSummary(r.get(BATCH.ID), Batch.Source.valueOf(r.get(BATCH.SOURCE).toUpperCase(java.util.Locale.ROOT)),
                Batch.State.fromId(r.get(BATCH.STATE)), Optional.ofNullable(r.get(BATCH.FILE_NAME)), r.get(APP_USER.USERNAME),
                r.get(BATCH.CREATED_AT), Optional.ofNullable(r.get(BATCH.SUBMITTED_AT)), r.get(BATCH.PAUSED),
                new Batch.Counts(r.get(BATCH.ROWS_TOTAL), r.get(BATCH.ROWS_VALID), r.get(BATCH.ROWS_WARNING),
                        r.get(BATCH.ROWS_ERROR), r.get(BATCH.ROWS_DUPLICATE), r.get(BATCH.ROWS_EXISTING)),
                devices);
    }
}
