package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;

import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.EventStatistics;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The metrics' reads of {@code device_event}. Totals read an id range (the primary key), the recent
 * windows read the newest rows of one type ({@code ix_device_event_type_at}, V6): no query scans the
 * whole history on a scrape.
 */
public final class JooqEventStatistics implements EventStatistics {
    private final DSLContext dsl;

    public JooqEventStatistics(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public long lastEventId() {
        Long max = dsl.select(DSL.max(DEVICE_EVENT.ID)).from(DEVICE_EVENT).fetchOne(0, Long.class);
        return max == null ? 0 : max;
    }

    @Override
    public Totals totals(long afterId, long upToId) {
        if (upToId <= afterId) {
            return Totals.ZERO;
        }
        long[] sends = {0};
        long[] answers = {0};
        long[] latency = {0};
        Map<Integer, Long> errors = new HashMap<>();
        dsl.select(DEVICE_EVENT.TYPE, DEVICE_EVENT.ERROR_CODE, DSL.count(), DSL.sum(DEVICE_EVENT.LATENCY_MS))
                .from(DEVICE_EVENT)
                .where(DEVICE_EVENT.ID.gt(afterId)).and(DEVICE_EVENT.ID.le(upToId))
                .and(DEVICE_EVENT.TYPE.eq(DeviceEvent.Type.SENT.id())
                        .or(DEVICE_EVENT.TYPE.eq(DeviceEvent.Type.RESPONSE.id()).and(DEVICE_EVENT.LATENCY_MS.isNotNull())))
                .groupBy(DEVICE_EVENT.TYPE, DEVICE_EVENT.ERROR_CODE)
                .forEach(r -> {
                    long n = r.value3().longValue();
                    if (DeviceEvent.Type.fromId(r.value1()) == DeviceEvent.Type.SENT) {
                        sends[0] += n;
                        return;
                    }
                    answers[0] += n;
                    latency[0] += r.value4() == null ? 0 : r.value4().longValue();
                    Integer code = r.value2();
                    if (code != null && code != 0) {
                        errors.merge(code, n, Long::sum);
                    }
                });
        return new Totals(sends[0], errors, answers[0], latency[0]);
    }

    @Override
    public long sendsSince(Instant since) {
        return dsl.fetchCount(DEVICE_EVENT, DEVICE_EVENT.TYPE.eq(DeviceEvent.Type.SENT.id()).and(DEVICE_EVENT.AT.ge(since)));
    }

    @Override
    public List<Long> latenciesSince(Instant since, int limit) {
        return dsl.select(DEVICE_EVENT.LATENCY_MS).from(DEVICE_EVENT)
                .where(DEVICE_EVENT.TYPE.eq(DeviceEvent.Type.RESPONSE.id())).and(DEVICE_EVENT.AT.ge(since))
                .and(DEVICE_EVENT.LATENCY_MS.isNotNull())
                .orderBy(DEVICE_EVENT.AT.desc()).limit(limit)
                .fetch(DEVICE_EVENT.LATENCY_MS);
    }
}
