package com.fleetprovisioner.db.history;

import static com.fleetprovisioner.db.jooq.Tables.APP_USER;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.history.TimelineEntry;
import com.fleetprovisioner.core.history.DeviceHistory;
import com.fleetprovisioner.core.history.DeviceRecord;
import com.fleetprovisioner.core.history.HistoryQuery;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.db.search.IdMatcher;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SelectConditionStep;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** The history queries: every filter rides an index that starts with it and ends in the sort key. */
public final class JooqDeviceHistory implements DeviceHistory {
    /** Rows fetched per round trip when streaming an export. */
    private static final int STREAM_FETCH_SIZE = 500;
    /** How far Fleet Freedom's clock may run behind ours for the billing-range shortcut to stay exact. */
    private static final java.time.Duration BILLING_CLOCK_MARGIN = java.time.Duration.ofDays(1);

    private final DSLContext dsl;
    private final IdMatcher ids;

    public JooqDeviceHistory(DSLContext dsl) {
        this(dsl, new IdMatcher(dsl));
    }

    /** {@code ids}: the same as the search's, so that a scan on H2 serves both. */
    public JooqDeviceHistory(DSLContext dsl, IdMatcher ids) {
        this.dsl = dsl;
        this.ids = ids;
    }

    /**
     * Devices alone, then the few submitters' names: joining app_user in the same query led H2 to read
     * app_user first and then every device, sorting them all for one page (over a minute at 1,000,000).
     */
    @Override
    public List<DeviceRecord> search(HistoryQuery query) {
        List<Record> rows = page(query);
        Map<Long, String> names = dsl.select(APP_USER.ID, APP_USER.USERNAME).from(APP_USER)
                .where(APP_USER.ID.in(rows.stream().map(row -> row.get(DEVICE.SUBMITTED_BY)).distinct().toList()))
                .fetchMap(APP_USER.ID, APP_USER.USERNAME);
        return rows.stream().map(row -> toRecord(row, names.get(row.get(DEVICE.SUBMITTED_BY)))).toList();
    }

    /**
     * The page's rows. After a cursor on H2, in two index ranges: the rows that share the cursor's time
     * with an id beyond it, then (if the page is not full) the rows from the next stored instant on. H2
     * does not bound an index by the row comparison {@code (submitted_at, id) > (?, ?)} (only by
     * {@code submitted_at >= ?}), so a later page read every index entry of the pages before it: page 41
     * of a 100,000-device batch, whose devices share one submission time, read 2,051 entries, its last
     * page 100,001 (EXPLAIN ANALYZE's scanCount; now 52 and 1). PostgreSQL bounds its index by the row
     * comparison itself and keeps the one query.
     */
    private List<Record> page(HistoryQuery query) {
        if (query.after().isEmpty() || dsl.dialect().family() != SQLDialect.H2) {
            return rows(query, keyset(query, Keyset.WHOLE), query.limit());
        }
        List<Record> rows = new ArrayList<>(rows(query, keyset(query, Keyset.SAME_TIME), query.limit()));
        if (rows.size() < query.limit()) {
            rows.addAll(rows(query, keyset(query, Keyset.LATER_TIME), query.limit() - rows.size()));
        }
        return rows;
    }

    private List<Record> rows(HistoryQuery query, Condition keyset, int limit) {
        Condition where = filters(query, ids::condition).and(keyset);
        if (keysFirst(query)) {
            return dsl.select(DEVICE.fields()).from(DEVICE).where(DEVICE.ID.in(dsl.select(DEVICE.ID)
                    .from(DSL.table("{0} USE INDEX ({1})", DEVICE, DSL.name("ix_device_provider_submitted")))
                    .where(where).orderBy(order(query)).limit(limit).fetch(DEVICE.ID)))
                    .orderBy(order(query)).fetch();
        }
        return dsl.select(DEVICE.fields()).from(from(query)).where(where).orderBy(order(query)).limit(limit).fetch();
    }

    @Override
    public void forEach(HistoryQuery query, Consumer<DeviceRecord> sink) {
        Map<Long, String> names = new HashMap<>();
        // PostgreSQL streams with a cursor only inside a transaction; H2 spills large results to disk.
        dsl.transaction(() -> {
            try (Cursor<Record> rows = select(query).orderBy(order(query)).fetchSize(STREAM_FETCH_SIZE).fetchLazy()) {
                for (Record row : rows) {
                    sink.accept(toRecord(row, names.computeIfAbsent(row.get(DEVICE.SUBMITTED_BY), this::username)));
                }
            }
        });
    }

    @Override
    public Optional<DeviceRecord> find(String providerId) {
        return dsl.select(DEVICE.fields()).from(DEVICE).where(DEVICE.PROVIDER_ID.eq(providerId)).fetchOptional()
                .map(row -> toRecord(row, username(row.get(DEVICE.SUBMITTED_BY))));
    }

    private String username(long userId) {
        return dsl.select(APP_USER.USERNAME).from(APP_USER).where(APP_USER.ID.eq(userId)).fetchOne(APP_USER.USERNAME);
    }

    @Override
    public List<TimelineEntry> events(long deviceId) {
        return dsl.select(DEVICE_EVENT.asterisk(), APP_USER.USERNAME).from(DEVICE_EVENT)
                .leftJoin(APP_USER).on(APP_USER.ID.eq(DEVICE_EVENT.ACTOR_USER_ID))
                .where(DEVICE_EVENT.DEVICE_ID.eq(deviceId)).orderBy(DEVICE_EVENT.ID)
                .fetch(row -> new TimelineEntry(row.get(DEVICE_EVENT.ID), row.get(DEVICE_EVENT.AT),
                        DeviceEvent.Type.fromId(row.get(DEVICE_EVENT.TYPE)),
                        Optional.ofNullable(row.get(DEVICE_EVENT.ATTEMPT)), Optional.ofNullable(row.get(DEVICE_EVENT.ERROR_CODE)),
                        Text.stored(row.get(DEVICE_EVENT.MESSAGE_KEY), row.get(DEVICE_EVENT.MESSAGE_ARGS),
                                row.get(DEVICE_EVENT.MESSAGE)), Optional.ofNullable(row.get(APP_USER.USERNAME)),
                        Optional.ofNullable(row.get(DEVICE_EVENT.WORKER))));
    }

    /**
     * An id fragment alone on H2 that starts some id (IdMatcher): the page's ids come from one range of
     * (provider_id, submitted_at, id) without reading a row, then its rows by id. Reading and sorting the
     * whole rows of a 4-digit prefix's ~10,000 matches took 118 ms (median, 1,000,000 devices, loaded
     * machine); the ids alone 11 ms. Any other fragment is a list of ids on H2 (the primary key), and
     * PostgreSQL plans well (its trigram index, V17).
     */
    private boolean keysFirst(HistoryQuery query) {
        return dsl.dialect().family() == SQLDialect.H2 && query.idPrefix().isPresent() && fixedColumn(query).isEmpty()
                && query.order() != HistoryQuery.Order.LATEST_BILLING && ids.isPrefixRange(query.idPrefix().get());
    }

    private SelectConditionStep<Record> select(HistoryQuery query) {
        return dsl.select(DEVICE.fields()).from(from(query))
                .where(filters(query, ids::condition).and(keyset(query, Keyset.WHOLE)));
    }

    /**
     * The device table, on H2 with the index that gives the page's order named: H2 picks an index for
     * the filter alone (for state, ix_device_due; for a billing range, ix_device_billing) and then
     * sorts every match, hundreds of milliseconds at 1,000,000 devices. PostgreSQL plans this itself.
     */
    private Table<?> from(HistoryQuery query) {
        if (dsl.dialect().family() != SQLDialect.H2 || query.order() == HistoryQuery.Order.LATEST_BILLING) {
            return DEVICE;
        }
        Optional<String> index = fixedColumn(query).map(JooqDeviceHistory::orderIndex)
                .or(() -> query.idPrefix().isEmpty() ? Optional.of("ix_device_submitted") : Optional.empty());
        return index.<Table<?>>map(name -> DSL.table("{0} USE INDEX ({1})", DEVICE, DSL.name(name))).orElse(DEVICE);
    }

    /** The V1/V5 index that starts with this filtered column and ends in (submitted_at, id). */
    private static String orderIndex(Field<?> column) {
        if (column == DEVICE.BATCH_ID) {
            return "ix_device_batch_submitted";
        }
        if (column == DEVICE.COMPANY_ID) {
            return "ix_device_company_submitted";
        }
        if (column == DEVICE.SUBMITTED_BY) {
            return "ix_device_submitter_submitted";
        }
        return column == DEVICE.KIND ? "ix_device_kind_submitted" : "ix_device_state_submitted";
    }

    /** The query's filters, without its cursor; {@code idMatch} makes the id fragment's condition. */
    static Condition filters(HistoryQuery query, Function<String, Condition> idMatch) {
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
            // any part of the id (issue 14): PostgreSQL's trigram index (V17); on H2 see IdMatcher
            where = where.and(idMatch.apply(query.idPrefix().get()));
        }
        if (query.order() == HistoryQuery.Order.LATEST_BILLING) {
            where = where.and(DEVICE.BILLING_STARTED_AT.isNotNull());
        }
        return where;
    }

    /** Which rows beyond the cursor: all of them, or those at its time, or those at later times (in the page's order). */
    private enum Keyset {
        WHOLE, SAME_TIME, LATER_TIME
    }

    /** The rows after the query's cursor in its order (none when there is no cursor). */
    private static Condition keyset(HistoryQuery query, Keyset part) {
        if (query.after().isEmpty()) {
            return DSL.noCondition();
        }
        Instant at = query.after().get().at();
        long id = query.after().get().id();
        Field<Instant> time = query.order() == HistoryQuery.Order.LATEST_BILLING ? DEVICE.BILLING_STARTED_AT : DEVICE.SUBMITTED_AT;
        boolean ascending = query.order() == HistoryQuery.Order.OLDEST_SUBMITTED;
        return switch (part) {
            case WHOLE -> ascending ? DSL.row(time, DEVICE.ID).gt(at, id) : DSL.row(time, DEVICE.ID).lt(at, id);
            case SAME_TIME -> time.eq(at).and(ascending ? DEVICE.ID.gt(id) : DEVICE.ID.lt(id));
            // inclusive bounds on the next stored instant: given a strict bound, H2 starts its index walk at the
            // cursor's time and reads every entry that shares it (all 100,000 of a batch's) before the first row
            case LATER_TIME -> ascending ? time.ge(nextMicro(at)) : time.le(previousMicro(at));
        };
    }

    /** The first instant a timestamp column (microseconds, as both databases store it) holds after {@code at}. */
    static Instant nextMicro(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
    }

    /** The last instant a timestamp column holds before {@code at}. */
    static Instant previousMicro(Instant at) {
        Instant micros = at.truncatedTo(ChronoUnit.MICROS);
        return micros.equals(at) ? at.minus(1, ChronoUnit.MICROS) : micros;
    }

    /**
     * The query's order, led by the column a filter fixes to one value (a no-op for the order): H2
     * chooses an index for the filter alone, and only this makes it take the one that also gives the
     * order, e.g. (state, submitted_at, id), and stop after one page instead of sorting every match.
     */
    static List<SortField<?>> order(HistoryQuery query) {
        boolean ascending = query.order() == HistoryQuery.Order.OLDEST_SUBMITTED;
        List<SortField<?>> order = new ArrayList<>();
        if (query.order() != HistoryQuery.Order.LATEST_BILLING) {
            fixedColumn(query).ifPresent(column -> order.add(ascending ? column.asc() : column.desc()));
        }
        order.addAll(switch (query.order()) {
            case NEWEST_SUBMITTED -> List.of(DEVICE.SUBMITTED_AT.desc(), DEVICE.ID.desc());
            case OLDEST_SUBMITTED -> List.of(DEVICE.SUBMITTED_AT.asc(), DEVICE.ID.asc());
            case LATEST_BILLING -> List.of(DEVICE.BILLING_STARTED_AT.desc(), DEVICE.ID.desc());
        });
        return order;
    }

    /** The filtered column whose index ends in (submitted_at, id); the most selective first. */
    private static Optional<Field<?>> fixedColumn(HistoryQuery query) {
        return query.batchId().<Field<?>>map(id -> DEVICE.BATCH_ID)
                .or(() -> query.companyId().map(id -> DEVICE.COMPANY_ID))
                .or(() -> query.submittedBy().map(id -> DEVICE.SUBMITTED_BY))
                .or(() -> query.kind().map(kind -> DEVICE.KIND))
                .or(() -> query.state().map(state -> DEVICE.STATE));
    }

    private static DeviceRecord toRecord(Record row, String submittedBy) {
        return new DeviceRecord(row.get(DEVICE.ID), row.get(DEVICE.PROVIDER_ID), row.get(DEVICE.KIND),
                row.get(DEVICE.COMPANY_ID), Optional.ofNullable(row.get(DEVICE.NAME)),
                Optional.ofNullable(row.get(DEVICE.PHONE_NUMBER)), row.get(DEVICE.PASSWORD_SECRET) != null,
                Optional.ofNullable(row.get(DEVICE.CONFIG_ID)), DeviceState.fromId(row.get(DEVICE.STATE)),
                row.get(DEVICE.ATTEMPTS), row.get(DEVICE.OUTCOME_UNKNOWN), row.get(DEVICE.BATCH_ID), submittedBy, row.get(DEVICE.SUBMITTED_AT),
                Optional.ofNullable(row.get(DEVICE.NEXT_ATTEMPT_AT)), Optional.ofNullable(row.get(DEVICE.LAST_ERROR_CODE)),
                Text.stored(row.get(DEVICE.LAST_ERROR_KEY), row.get(DEVICE.LAST_ERROR_ARGS), row.get(DEVICE.LAST_ERROR_MESSAGE)),
                Optional.ofNullable(row.get(DEVICE.SENT_AT)),
                Optional.ofNullable(row.get(DEVICE.RECEIVED_AT)), Optional.ofNullable(row.get(DEVICE.BILLING_STARTED_AT)));
    }
}
