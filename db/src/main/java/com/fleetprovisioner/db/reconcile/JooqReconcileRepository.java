package com.fleetprovisioner.db.reconcile;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_COUNT_DELTA;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;
import static com.fleetprovisioner.db.jooq.Tables.RECONCILIATION_ROW;
import static com.fleetprovisioner.db.jooq.Tables.RECONCILIATION_RUN;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.reconcile.HereDevice;
import com.fleetprovisioner.core.reconcile.ReconcileCategory;
import com.fleetprovisioner.core.reconcile.ReconcileRepository;
import com.fleetprovisioner.core.reconcile.ReconcileRow;
import com.fleetprovisioner.core.reconcile.ReconcileRun;
import com.fleetprovisioner.core.reconcile.Reconciler;
import com.fleetprovisioner.db.batch.JooqBatchRepository;
import com.fleetprovisioner.db.jooq.tables.records.ReconciliationRowRecord;
import com.fleetprovisioner.db.jooq.tables.records.ReconciliationRunRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Runs and rows in {@code reconciliation_run} / {@code reconciliation_row} (V20). */
public final class JooqReconcileRepository implements ReconcileRepository {
    private static final int FETCH = 1000;

    private final DSLContext dsl;
    private final JooqBatchRepository batches;

    public JooqReconcileRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.batches = new JooqBatchRepository(dsl);
    }

    @Override
    public long create(long company, ReconcileRun.Trigger trigger, Optional<Long> startedBy, Instant now) {
        return dsl.insertInto(RECONCILIATION_RUN)
                .set(RECONCILIATION_RUN.COMPANY_ID, company)
                .set(RECONCILIATION_RUN.STATE, ReconcileRun.State.QUEUED.id())
                .set(RECONCILIATION_RUN.TRIGGER_KIND, trigger.id())
                .set(RECONCILIATION_RUN.STARTED_BY, startedBy.orElse(null))
                .set(RECONCILIATION_RUN.REQUESTED_AT, now)
                .set(RECONCILIATION_RUN.UPDATED_AT, now)
                .returning(RECONCILIATION_RUN.ID).fetchOne().getId();
    }

    @Override
    public Optional<ReconcileRun> find(long id) {
        return dsl.selectFrom(RECONCILIATION_RUN).where(RECONCILIATION_RUN.ID.eq(id)).fetchOptional(JooqReconcileRepository::run);
    }

    @Override
    public List<ReconcileRun> recent(int limit) {
        return dsl.selectFrom(RECONCILIATION_RUN)
                .orderBy(RECONCILIATION_RUN.REQUESTED_AT.desc(), RECONCILIATION_RUN.ID.desc())
                .limit(limit).fetch(JooqReconcileRepository::run);
    }

    @Override
    public Optional<ReconcileRun> begin(long id, Instant now) {
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            int taken = db.update(RECONCILIATION_RUN)
                    .set(RECONCILIATION_RUN.STATE, ReconcileRun.State.RUNNING.id())
                    .set(RECONCILIATION_RUN.STARTED_AT, now)
                    .set(RECONCILIATION_RUN.COMPANIES_DONE, 0)
                    .set(RECONCILIATION_RUN.PROVIDERS_SEEN, 0L)
                    .set(RECONCILIATION_RUN.UPDATED_AT, now)
                    .where(RECONCILIATION_RUN.ID.eq(id))
                    .and(RECONCILIATION_RUN.STATE.in(ReconcileRun.State.QUEUED.id(), ReconcileRun.State.RUNNING.id()))
                    .execute();
            if (taken == 0) {
                return Optional.<ReconcileRun>empty();
            }
            // a run a crashed worker left half done starts over
            db.deleteFrom(RECONCILIATION_ROW).where(RECONCILIATION_ROW.RUN_ID.eq(id)).execute();
            return db.selectFrom(RECONCILIATION_RUN).where(RECONCILIATION_RUN.ID.eq(id)).fetchOptional(JooqReconcileRepository::run);
        });
    }

    @Override
    public void companies(long id, int total, Instant now) {
        dsl.update(RECONCILIATION_RUN).set(RECONCILIATION_RUN.COMPANIES_TOTAL, total)
                .set(RECONCILIATION_RUN.UPDATED_AT, now).where(RECONCILIATION_RUN.ID.eq(id)).execute();
    }

    @Override
    public void progress(long id, int companiesDone, long providersSeen, Instant now) {
        dsl.update(RECONCILIATION_RUN).set(RECONCILIATION_RUN.COMPANIES_DONE, companiesDone)
                .set(RECONCILIATION_RUN.PROVIDERS_SEEN, providersSeen)
                .set(RECONCILIATION_RUN.UPDATED_AT, now).where(RECONCILIATION_RUN.ID.eq(id)).execute();
    }

    @Override
    public Map<String, HereDevice> here(Collection<String> providerIds) {
        Map<String, HereDevice> found = new HashMap<>();
        if (providerIds.isEmpty()) {
            return found;
        }
        dsl.select(DEVICE.ID, DEVICE.PROVIDER_ID, DEVICE.STATE, DEVICE.COMPANY_ID, DEVICE.KIND).from(DEVICE)
                .where(DEVICE.PROVIDER_ID.in(providerIds))
                .forEach(r -> found.put(r.value2(), new HereDevice(r.value1(), r.value2(), DeviceState.fromId(r.value3()),
                        r.value4(), r.value5())));
        return found;
    }

    /**
     * One multi-row insert; should a server list an id twice (the key refuses it), the page goes again row by
     * row, keeping the first. Not "on duplicate key ignore" for the page: jOOQ emulates it on H2 as a MERGE over
     * a UNION of every row, which H2's parser recurses through (out of memory at -Xmx256m for 1,000 rows).
     */
    @Override
    public void addRows(long runId, List<ReconcileRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            insert(runId, rows).execute();
        } catch (org.jooq.exception.DataAccessException duplicate) {
            rows.forEach(r -> insert(runId, List.of(r)).onDuplicateKeyIgnore().execute());
        }
    }

    private org.jooq.InsertValuesStep8<ReconciliationRowRecord, Long, String, String, String, Long, Long, Long, String>
            insert(long runId, List<ReconcileRow> rows) {
        var insert = dsl.insertInto(RECONCILIATION_ROW, RECONCILIATION_ROW.RUN_ID, RECONCILIATION_ROW.PROVIDER_ID,
                RECONCILIATION_ROW.CATEGORY, RECONCILIATION_ROW.KIND, RECONCILIATION_ROW.COMPANY_THERE,
                RECONCILIATION_ROW.COMPANY_HERE, RECONCILIATION_ROW.DEVICE_ID, RECONCILIATION_ROW.STATE_HERE);
        for (ReconcileRow r : rows) {
            insert = insert.values(runId, clip(r.providerId(), 64), r.category().id(),
                    r.kind().map(k -> clip(k, 32)).orElse(null), r.companyThere().orElse(null),
                    r.companyHere().orElse(null), r.deviceId().orElse(null), r.stateHere().map(DeviceState::id).orElse(null));
        }
        return insert;
    }

    @Override
    public long addMissing(long runId, Collection<Long> companies) {
        if (companies.isEmpty()) {
            return 0;
        }
        var seen = RECONCILIATION_ROW.as("seen");
        return dsl.insertInto(RECONCILIATION_ROW, RECONCILIATION_ROW.RUN_ID, RECONCILIATION_ROW.PROVIDER_ID,
                        RECONCILIATION_ROW.CATEGORY, RECONCILIATION_ROW.KIND, RECONCILIATION_ROW.COMPANY_THERE,
                        RECONCILIATION_ROW.COMPANY_HERE, RECONCILIATION_ROW.DEVICE_ID, RECONCILIATION_ROW.STATE_HERE)
                .select(DSL.select(DSL.inline(runId), DEVICE.PROVIDER_ID,
                                DSL.inline(ReconcileCategory.MISSING_IN_FLEET_FREEDOM.id()), DEVICE.KIND,
                                DSL.castNull(DEVICE.COMPANY_ID), DEVICE.COMPANY_ID, DEVICE.ID, DEVICE.STATE)
                        .from(DEVICE)
                        .where(DEVICE.COMPANY_ID.in(companies))
                        .and(DEVICE.STATE.in(Reconciler.EXPECTED_THERE.stream().map(DeviceState::id).toList()))
                        .andNotExists(DSL.selectOne().from(seen).where(seen.RUN_ID.eq(runId))
                                .and(seen.PROVIDER_ID.eq(DEVICE.PROVIDER_ID))))
                .execute();
    }

    @Override
    public void complete(long id, Instant now) {
        Map<ReconcileCategory, Long> counts = new EnumMap<>(ReconcileCategory.class);
        dsl.select(RECONCILIATION_ROW.CATEGORY, DSL.count()).from(RECONCILIATION_ROW)
                .where(RECONCILIATION_ROW.RUN_ID.eq(id)).groupBy(RECONCILIATION_ROW.CATEGORY)
                .forEach(r -> ReconcileCategory.fromId(r.value1()).ifPresent(c -> counts.put(c, r.value2().longValue())));
        dsl.update(RECONCILIATION_RUN)
                .set(RECONCILIATION_RUN.STATE, ReconcileRun.State.COMPLETED.id())
                .set(RECONCILIATION_RUN.MATCHED, counts.getOrDefault(ReconcileCategory.MATCHED, 0L))
                .set(RECONCILIATION_RUN.MISSING_IN_FF, counts.getOrDefault(ReconcileCategory.MISSING_IN_FLEET_FREEDOM, 0L))
                .set(RECONCILIATION_RUN.UNKNOWN_HERE, counts.getOrDefault(ReconcileCategory.UNKNOWN_HERE, 0L))
                .set(RECONCILIATION_RUN.COMPANY_MISMATCH, counts.getOrDefault(ReconcileCategory.COMPANY_MISMATCH, 0L))
                .set(RECONCILIATION_RUN.PENDING_HERE, counts.getOrDefault(ReconcileCategory.PENDING_HERE, 0L))
                .set(RECONCILIATION_RUN.ENDED_AT, now).set(RECONCILIATION_RUN.UPDATED_AT, now)
                .where(RECONCILIATION_RUN.ID.eq(id)).execute();
    }

    @Override
    public void fail(long id, String message, Instant now) {
        dsl.update(RECONCILIATION_RUN)
                .set(RECONCILIATION_RUN.STATE, ReconcileRun.State.FAILED.id())
                .set(RECONCILIATION_RUN.ERROR_MESSAGE, clip(message, 1000))
                .set(RECONCILIATION_RUN.ENDED_AT, now).set(RECONCILIATION_RUN.UPDATED_AT, now)
                .where(RECONCILIATION_RUN.ID.eq(id)).execute();
    }

    @Override
    public List<ReconcileRow> rows(long runId, ReconcileCategory category, Optional<String> after, int limit) {
        Condition from = after.map(RECONCILIATION_ROW.PROVIDER_ID::gt).orElse(DSL.noCondition());
        return dsl.selectFrom(RECONCILIATION_ROW)
                .where(RECONCILIATION_ROW.RUN_ID.eq(runId)).and(RECONCILIATION_ROW.CATEGORY.eq(category.id())).and(from)
                .orderBy(RECONCILIATION_ROW.PROVIDER_ID).limit(limit).fetch(JooqReconcileRepository::row);
    }

    @Override
    public void forEachRow(long runId, Optional<ReconcileCategory> category, Consumer<ReconcileRow> row) {
        Condition of = category.map(c -> RECONCILIATION_ROW.CATEGORY.eq(c.id())).orElse(DSL.noCondition());
        // PostgreSQL streams with a cursor only inside a transaction (as the history's export)
        dsl.transaction(() -> {
            try (var cursor = dsl.selectFrom(RECONCILIATION_ROW)
                    .where(RECONCILIATION_ROW.RUN_ID.eq(runId)).and(of)
                    .orderBy(RECONCILIATION_ROW.CATEGORY, RECONCILIATION_ROW.PROVIDER_ID)
                    .fetchSize(FETCH).fetchLazy()) {
                cursor.forEach(r -> row.accept(row(r)));
            }
        });
    }

    private Condition importableRows(long runId) {
        return RECONCILIATION_ROW.RUN_ID.eq(runId)
                .and(RECONCILIATION_ROW.CATEGORY.eq(ReconcileCategory.UNKNOWN_HERE.id()))
                .and(RECONCILIATION_ROW.KIND.isNotNull()).and(RECONCILIATION_ROW.COMPANY_THERE.isNotNull())
                .and(DSL.length(RECONCILIATION_ROW.PROVIDER_ID).le(50))
                .andNotExists(DSL.selectOne().from(DEVICE).where(DEVICE.PROVIDER_ID.eq(RECONCILIATION_ROW.PROVIDER_ID)));
    }

    @Override
    public long importable(long runId) {
        return dsl.fetchCount(RECONCILIATION_ROW, importableRows(runId));
    }

    @Override
    public Imported importUnknown(long runId, long userId, Instant now) {
        long batchId = batches.createReconciliation(runId, userId, now);
        int added = dsl.insertInto(DEVICE, DEVICE.PROVIDER_ID, DEVICE.KIND, DEVICE.COMPANY_ID, DEVICE.BATCH_ID,
                        DEVICE.SUBMITTED_BY, DEVICE.SUBMITTED_AT, DEVICE.STATE, DEVICE.UPDATED_AT)
                .select(DSL.select(RECONCILIATION_ROW.PROVIDER_ID, RECONCILIATION_ROW.KIND, RECONCILIATION_ROW.COMPANY_THERE,
                                DSL.inline(batchId), DSL.inline(userId), DSL.val(now),
                                DSL.inline(DeviceState.PRE_EXISTING.id()), DSL.val(now))
                        .from(RECONCILIATION_ROW).where(importableRows(runId)))
                .execute();
        Text found = Text.of("event.text.preExisting", runId);
        dsl.insertInto(DEVICE_EVENT, DEVICE_EVENT.DEVICE_ID, DEVICE_EVENT.AT, DEVICE_EVENT.TYPE, DEVICE_EVENT.ACTOR_USER_ID,
                        DEVICE_EVENT.MESSAGE_KEY, DEVICE_EVENT.MESSAGE_ARGS)
                .select(DSL.select(DEVICE.ID, DSL.val(now), DSL.inline(DeviceEvent.Type.PRE_EXISTING.id()), DSL.inline(userId),
                                DSL.val(found.key()), DSL.val(found.argsJson()))
                        .from(DEVICE).where(DEVICE.BATCH_ID.eq(batchId)))
                .execute();
        dsl.insertInto(DEVICE_COUNT_DELTA, DEVICE_COUNT_DELTA.BATCH_ID, DEVICE_COUNT_DELTA.STATE, DEVICE_COUNT_DELTA.N)
                .values(batchId, DeviceState.PRE_EXISTING.id(), added).execute();
        batches.setImportedRows(batchId, added);
        dsl.update(RECONCILIATION_RUN).set(RECONCILIATION_RUN.IMPORTED, RECONCILIATION_RUN.IMPORTED.plus(added))
                .set(RECONCILIATION_RUN.IMPORTED_BATCH, batchId).set(RECONCILIATION_RUN.UPDATED_AT, now)
                .where(RECONCILIATION_RUN.ID.eq(runId)).execute();
        return new Imported(batchId, added);
    }

    private static ReconcileRun run(ReconciliationRunRecord r) {
        Map<ReconcileCategory, Long> counts = new EnumMap<>(ReconcileCategory.class);
        counts.put(ReconcileCategory.MATCHED, r.getMatched());
        counts.put(ReconcileCategory.MISSING_IN_FLEET_FREEDOM, r.getMissingInFf());
        counts.put(ReconcileCategory.UNKNOWN_HERE, r.getUnknownHere());
        counts.put(ReconcileCategory.COMPANY_MISMATCH, r.getCompanyMismatch());
        counts.put(ReconcileCategory.PENDING_HERE, r.getPendingHere());
        return new ReconcileRun(r.getId(), r.getCompanyId(), ReconcileRun.State.fromId(r.getState()),
                ReconcileRun.Trigger.fromId(r.getTriggerKind()), Optional.ofNullable(r.getStartedBy()),
                r.getRequestedAt(), Optional.ofNullable(r.getStartedAt()), Optional.ofNullable(r.getEndedAt()),
                r.getCompaniesTotal(), r.getCompaniesDone(), r.getProvidersSeen(), counts, r.getImported(),
                Optional.ofNullable(r.getImportedBatch()), Optional.ofNullable(r.getErrorMessage()));
    }

    private static ReconcileRow row(ReconciliationRowRecord r) {
        return new ReconcileRow(r.getProviderId(), ReconcileCategory.fromId(r.getCategory()).orElseThrow(),
                Optional.ofNullable(r.getKind()), Optional.ofNullable(r.getCompanyThere()),
                Optional.ofNullable(r.getCompanyHere()), Optional.ofNullable(r.getDeviceId()),
                Optional.ofNullable(r.getStateHere()).map(DeviceState::fromId));
    }

    private static String clip(String value, int max) {
        return value.length() > max ? value.substring(0, max) : value;
    }
}
