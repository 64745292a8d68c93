package com.fleetprovisioner.db.billing;

import static com.fleetprovisioner.db.jooq.Tables.APP_USER;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.billing.BillingMonth;
import com.fleetprovisioner.core.billing.BillingReport;
import com.fleetprovisioner.core.billing.BillingRow;
import com.fleetprovisioner.core.billing.BillingTotals;
import com.fleetprovisioner.core.history.HistoryCursor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The billing report's queries: a range of ix_device_billing for the month, or of ix_device_company_billing
 * (V21) for one company's month, both ending in (billing_started_at, id), the rows' order.
 */
public final class JooqBillingReport implements BillingReport {
    /** Rows fetched per round trip when streaming an export. */
    private static final int STREAM_FETCH_SIZE = 500;

    private final DSLContext dsl;

    public JooqBillingReport(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public BillingTotals totals(BillingMonth month) {
        Field<Integer> devices = DSL.count();
        return new BillingTotals(month, dsl.select(DEVICE.COMPANY_ID, DEVICE.KIND, devices).from(DEVICE)
                .where(inMonth(month)).groupBy(DEVICE.COMPANY_ID, DEVICE.KIND).orderBy(DEVICE.COMPANY_ID, DEVICE.KIND)
                .fetch(row -> new BillingTotals.Group(row.value1(), row.value2(), row.value3())));
    }

    /** The page's rows, then the few submitters' names (as the history does: no join for H2 to mis-plan). */
    @Override
    public List<BillingRow> rows(BillingMonth month, Optional<Long> companyId, Optional<HistoryCursor> after, int limit) {
        List<Record> rows = dsl.select(DEVICE.fields()).from(from(companyId))
                .where(filter(month, companyId)).and(after.map(JooqBillingReport::beyond).orElse(DSL.noCondition()))
                .orderBy(DEVICE.BILLING_STARTED_AT, DEVICE.ID).limit(limit).fetch();
        Map<Long, String> names = dsl.select(APP_USER.ID, APP_USER.USERNAME).from(APP_USER)
                .where(APP_USER.ID.in(rows.stream().map(row -> row.get(DEVICE.SUBMITTED_BY)).distinct().toList()))
                .fetchMap(APP_USER.ID, APP_USER.USERNAME);
        return rows.stream().map(row -> toRow(row, names.get(row.get(DEVICE.SUBMITTED_BY)))).toList();
    }

    @Override
    public void forEach(BillingMonth month, Optional<Long> companyId, Consumer<BillingRow> sink) {
        Map<Long, String> names = new HashMap<>();
        // PostgreSQL streams with a cursor only inside a transaction; H2 spills large results to disk.
        dsl.transaction(() -> {
            try (Cursor<Record> rows = dsl.select(DEVICE.fields()).from(from(companyId)).where(filter(month, companyId))
                    .orderBy(DEVICE.BILLING_STARTED_AT, DEVICE.ID).fetchSize(STREAM_FETCH_SIZE).fetchLazy()) {
                for (Record row : rows) {
                    sink.accept(toRow(row, names.computeIfAbsent(row.get(DEVICE.SUBMITTED_BY), this::username)));
                }
            }
        });
    }

    private String username(long userId) {
        return dsl.select(APP_USER.USERNAME).from(APP_USER).where(APP_USER.ID.eq(userId)).fetchOne(APP_USER.USERNAME);
    }

    /** Billing started in the month: a device without a billing start is outside every month. */
    private static Condition inMonth(BillingMonth month) {
        return DEVICE.BILLING_STARTED_AT.ge(month.start()).and(DEVICE.BILLING_STARTED_AT.lt(month.end()));
    }

    private static Condition filter(BillingMonth month, Optional<Long> companyId) {
        return inMonth(month).and(companyId.map(DEVICE.COMPANY_ID::eq).orElse(DSL.noCondition()));
    }

    /**
     * After the cursor in (billing_started_at, id) order. The first term bounds the index range on both
     * databases (H2 does not bound an index by a row comparison); the second drops the ties already shown.
     */
    private static Condition beyond(HistoryCursor cursor) {
        return DEVICE.BILLING_STARTED_AT.ge(cursor.at())
                .and(DEVICE.BILLING_STARTED_AT.gt(cursor.at()).or(DEVICE.ID.gt(cursor.id())));
    }

    /** On H2 the index that gives the order, named: H2 otherwise takes one of the (company, submitted_at) ones and sorts. */
    private Table<?> from(Optional<Long> companyId) {
        if (dsl.dialect().family() != SQLDialect.H2) {
            return DEVICE;
        }
        String index = companyId.isPresent() ? "ix_device_company_billing" : "ix_device_billing";
        return DSL.table("{0} USE INDEX ({1})", DEVICE, DSL.name(index));
    }

    private static BillingRow toRow(Record row, String submittedBy) {
        return new BillingRow(row.get(DEVICE.ID), row.get(DEVICE.PROVIDER_ID), row.get(DEVICE.KIND),
                row.get(DEVICE.COMPANY_ID), row.get(DEVICE.BILLING_STARTED_AT), submittedBy, row.get(DEVICE.BATCH_ID));
    }
}
