package com.fleetprovisioner.db.history;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.history.HistoryQuery;
import com.fleetprovisioner.core.history.HistoryTotals;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.db.device.DeviceCounters;
import com.fleetprovisioner.db.search.IdFragment;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * The history's total: exact from the per-state counters (V8) when the filter is at most a state and
 * a batch; otherwise PostgreSQL's planner estimate for the filter (EXPLAIN, nothing read); H2 has no
 * such estimate, so there the page shows no total.
 */
public final class JooqHistoryTotals implements HistoryTotals {
    private final DSLContext dsl;

    public JooqHistoryTotals(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<Total> about(HistoryQuery query) {
        if (countersAnswer(query)) {
            DeviceCounters counters = new DeviceCounters(dsl);
            Map<DeviceState, Long> perState = query.batchId().map(counters::ofBatch).orElseGet(counters::total);
            long devices = query.state().map(s -> perState.getOrDefault(s, 0L))
                    .orElseGet(() -> perState.values().stream().mapToLong(Long::longValue).sum());
            return Optional.of(new Total(devices, true));
        }
        if (dsl.dialect().family() != SQLDialect.POSTGRES) {
            return Optional.empty();
        }
        double rows = dsl.explain(dsl.selectOne().from(DEVICE).where(JooqDeviceHistory.filters(withoutCursor(query), IdFragment::contains)))
                .rows();
        return Double.isNaN(rows) ? Optional.empty() : Optional.of(new Total(Math.round(rows), false));
    }

    private static boolean countersAnswer(HistoryQuery query) {
        return query.kind().isEmpty() && query.companyId().isEmpty() && query.submittedBy().isEmpty()
                && query.from().isEmpty() && query.to().isEmpty() && query.idPrefix().isEmpty()
                && query.order() != HistoryQuery.Order.LATEST_BILLING;
    }

    private static HistoryQuery withoutCursor(HistoryQuery q) {
        return new HistoryQuery(q.state(), q.batchId(), q.kind(), q.companyId(), q.submittedBy(), q.dateField(), q.from(),
                q.to(), q.idPrefix(), q.order(), Optional.empty(), q.limit());
    }
}
