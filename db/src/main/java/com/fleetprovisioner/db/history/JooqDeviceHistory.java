package com.fleetprovisioner.db.history;

import static com.fleetprovisioner.db.jooq.Tables.APP_USER;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;

import com.fleetprovisioner.core.history.TimelineEntry;
import com.fleetprovisioner.core.history.DeviceHistory;
import com.fleetprovisioner.core.history.DeviceRecord;
import com.fleetprovisioner.core.history.HistoryQuery;
import com.fleetprovisioner.core.provisioning.DeviceState;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectConditionStep;
import org.jooq.SortField;
import org.jooq.impl.DSL;

/** The history queries: every filter rides an index that starts with it and ends in the sort key. */
public final class JooqDeviceHistory implements DeviceHistory {
    /** Rows fetched per round trip when streaming an export. */
    private static final int STREAM_FETCH_SIZE = 500;
    /** How far Fleet Freedom's clock may run behind ours for the billing-range shortcut to stay exact. */
    private static final java.time.Duration BILLING_CLOCK_MARGIN = java.time.Duration.ofDays(1);

    private final DSLContext dsl;

    public JooqDeviceHistory(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<DeviceRecord> search(HistoryQuery query) {
        return select(query).orderBy(order(query)).limit(query.limit()).fetch(JooqDeviceHistory::toRecord);
    }

    @Override
    public void forEach(HistoryQuery query, Consumer<DeviceRecord> sink) {
        // PostgreSQL streams with a cursor only inside a transaction; H2 spills large results to disk.
        dsl.transaction(() -> {
            try (Cursor<Record> rows = select(query).orderBy(order(query)).fetchSize(STREAM_FETCH_SIZE).fetchLazy()) {
                for (Record row : rows) {
                    sink.accept(toRecord(row));
                }
            }
        });
    }

    @Override
    public Optional<DeviceRecord> find(String providerId) {
        return dsl.select().from(DEVICE).join(APP_USER).on(APP_USER.ID.eq(DEVICE.SUBMITTED_BY))
                .where(DEVICE.PROVIDER_ID.eq(providerId)).fetchOptional(JooqDeviceHistory::toRecord);
    }

    @Override
    public List<TimelineEntry> events(long deviceId) {
        return dsl.select(DEVICE_EVENT.asterisk(), APP_USER.USERNAME).from(DEVICE_EVENT)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(DEVICE_EVENT.ACTOR_USER_ID))
                .where(DEVICE_EVENT.DEVICE_ID.eq(deviceId)).orderBy(DEVICE_EVENT.ID)
                .fetch(row -> new TimelineEntry(row.get(DEVICE_EVENT.ID), row.get(DEVICE_EVENT.AT), row.get(DEVICE_EVENT.TYPE),
                        Optional.ofNullable(row.get(DEVICE_EVENT.ATTEMPT)), Optional.ofNullable(row.get(DEVICE_EVENT.ERROR_CODE)),
                        Optional.ofNullable(row.get(DEVICE_EVENT.MESSAGE)), Optional.ofNullable(row.get(APP_USER.USERNAME)),
                        Optional.ofNullable(row.get(DEVICE_EVENT.WORKER))));
    }

    private SelectConditionStep<Record> select(HistoryQuery query) {
        return dsl.select().from(DEVICE).join(APP_USER).on(APP_USER.ID.eq(DEVICE.SUBMITTED_BY)).where(conditions(query));
    }

    static Condition conditions(HistoryQuery query) {
        Condition where = DSL.noCondition();
        if (query.state().isPresent()) {
            where = where.and(DEVICE.STATE.eq(query.state().get().id()));
        }
        if (query.batchId().isPresent()) {
            where = where.and(DEVICE.BATCH_ID.eq(query.batchId().get()));
        }
        if (query.kind().isPresent()) {
            where = where.and(DEVICE.KIND.eq(query.kind().get()));
        }
        if (query.companyId().isPresent()) {
            where = where.and(DEVICE.COMPANY_ID.eq(query.companyId().get()));
        }
        if (query.submittedBy().isPresent()) {
            where = where.and(DEVICE.SUBMITTED_BY.eq(query.submittedBy().get()));
        }
        Field<Instant> dated = query.dateField() == HistoryQuery.DateField.BILLING ? DEVICE.BILLING_STARTED_AT : DEVICE.SUBMITTED_AT;
        if (query.from().isPresent()) {
            where = where.and(dated.ge(query.from().get()));
        }
        if (query.to().isPresent()) {
            where = where.and(dated.lt(query.to().get()));
            if (query.dateField() == HistoryQuery.DateField.BILLING) {
                // Billing starts after submission, so this drops no matching row; it lets the pages in
                // submission order start their index walk at the range's end instead of at today.
                // The margin covers Fleet Freedom's clock (billing is in server time) running behind ours.
                where = where.and(DEVICE.SUBMITTED_AT.lt(query.to().get().plus(BILLING_CLOCK_MARGIN)));
            }
        }
        if (query.idPrefix().isPresent()) {
            String prefix = query.idPrefix().get();
            // the range lets the unique index on provider_id serve the search; LIKE keeps it exact
            where = where.and(DEVICE.PROVIDER_ID.ge(prefix)).and(DEVICE.PROVIDER_ID.startsWith(prefix));
            Optional<String> above = prefixUpperBound(prefix);
            if (above.isPresent()) {
                where = where.and(DEVICE.PROVIDER_ID.lt(above.get()));
            }
        }
        if (query.order() == HistoryQuery.Order.LATEST_BILLING) {
            where = where.and(DEVICE.BILLING_STARTED_AT.isNotNull());
        }
        if (query.after().isPresent()) {
            Instant at = query.after().get().at();
            long id = query.after().get().id();
            where = where.and(switch (query.order()) {
                case NEWEST_SUBMITTED -> DSL.row(DEVICE.SUBMITTED_AT, DEVICE.ID).lt(at, id);
                case OLDEST_SUBMITTED -> DSL.row(DEVICE.SUBMITTED_AT, DEVICE.ID).gt(at, id);
                case LATEST_BILLING -> DSL.row(DEVICE.BILLING_STARTED_AT, DEVICE.ID).lt(at, id);
            });
        }
        return where;
    }

    /**
     * A string above every id that starts with {@code prefix}, so the prefix search reads a narrow range
     * of the unique index (with only a lower bound PostgreSQL reads the table). The last character that
     * has an alphanumeric successor is incremented and what follows it dropped ("359" gives "36"):
     * ids are ASCII letters, digits and {@code . _ : -}, and punctuation is never a successor, so the
     * bound holds under the C collation and under locale collations that ignore punctuation.
     */
    static Optional<String> prefixUpperBound(String prefix) {
        for (int i = prefix.length() - 1; i >= 0; i--) {
            char c = prefix.charAt(i);
            if ((c >= '0' && c <= '8') || (c >= 'a' && c <= 'y') || (c >= 'A' && c <= 'Y')) {
                return Optional.of(prefix.substring(0, i) + (char) (c + 1));
            }
        }
        return Optional.empty();
    }

    private static List<SortField<?>> order(HistoryQuery query) {
        return switch (query.order()) {
            case NEWEST_SUBMITTED -> List.of(DEVICE.SUBMITTED_AT.desc(), DEVICE.ID.desc());
            case OLDEST_SUBMITTED -> List.of(DEVICE.SUBMITTED_AT.asc(), DEVICE.ID.asc());
            case LATEST_BILLING -> List.of(DEVICE.BILLING_STARTED_AT.desc(), DEVICE.ID.desc());
        };
    }

    private static DeviceRecord toRecord(Record row) {
        return new DeviceRecord(row.get(DEVICE.ID), row.get(DEVICE.PROVIDER_ID), row.get(DEVICE.KIND),
                row.get(DEVICE.COMPANY_ID), Optional.ofNullable(row.get(DEVICE.NAME)),
                Optional.ofNullable(row.get(DEVICE.PHONE_NUMBER)), row.get(DEVICE.PASSWORD_SECRET) != null,
                Optional.ofNullable(row.get(DEVICE.CONFIG_ID)), DeviceState.fromId(row.get(DEVICE.STATE)),
                row.get(DEVICE.ATTEMPTS), row.get(DEVICE.OUTCOME_UNKNOWN), row.get(DEVICE.BATCH_ID), row.get(APP_USER.USERNAME), row.get(DEVICE.SUBMITTED_AT),
                Optional.ofNullable(row.get(DEVICE.NEXT_ATTEMPT_AT)), Optional.ofNullable(row.get(DEVICE.LAST_ERROR_CODE)),
                Optional.ofNullable(row.get(DEVICE.LAST_ERROR_MESSAGE)), Optional.ofNullable(row.get(DEVICE.SENT_AT)),
                Optional.ofNullable(row.get(DEVICE.RECEIVED_AT)), Optional.ofNullable(row.get(DEVICE.BILLING_STARTED_AT)));
    }
}
