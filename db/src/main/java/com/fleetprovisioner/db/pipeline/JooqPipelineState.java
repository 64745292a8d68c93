package com.fleetprovisioner.db.pipeline;

import static com.fleetprovisioner.db.jooq.Tables.PIPELINE_STATE;

import com.fleetprovisioner.core.provisioning.PipelineState;
import com.fleetprovisioner.core.provisioning.PipelineStatus;
import com.fleetprovisioner.db.Prepared;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The single shared row. Throttle and maintenance windows only ever grow (a conditional update), so
 * that two workers reporting different waits keep the longer. {@code updated_at} changes only on stop
 * and resume: workers compare it with the time their own connection stopped.
 */
public final class JooqPipelineState implements PipelineState {
    private static final int ROW = 1;
    private static final String READ = "select stopped_code, stopped_reason, stopped_at, throttled_until,"
            + " maintenance_until, updated_at from pipeline_state where id = " + ROW;
    private final DSLContext dsl;

    public JooqPipelineState(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Read before every lease: written once and run through JDBC ({@link Prepared}), not rendered by jOOQ each time. */
    @Override
    public PipelineStatus read() {
        return Prepared.first(dsl, READ, rs -> new PipelineStatus(Optional.ofNullable((Integer) rs.getObject(1, Integer.class)),
                Optional.ofNullable(rs.getString(2)), Optional.ofNullable(Prepared.instant(rs, 3)),
                Optional.ofNullable(Prepared.instant(rs, 4)), Optional.ofNullable(Prepared.instant(rs, 5)),
                Prepared.instant(rs, 6))).orElseGet(() -> new PipelineStatus(Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Instant.EPOCH));
    }

    @Override
    public void stop(int code, String reason, Instant now) {
        dsl.update(PIPELINE_STATE)
                .set(PIPELINE_STATE.STOPPED_CODE, code)
                .set(PIPELINE_STATE.STOPPED_REASON, truncate(reason))
                .set(PIPELINE_STATE.STOPPED_AT, now)
                .set(PIPELINE_STATE.UPDATED_AT, now)
                .where(PIPELINE_STATE.ID.eq(ROW)).and(PIPELINE_STATE.STOPPED_REASON.isNull())
                .execute();
    }

    @Override
    public void resume(Instant now) {
        dsl.update(PIPELINE_STATE)
                .setNull(PIPELINE_STATE.STOPPED_CODE)
                .setNull(PIPELINE_STATE.STOPPED_REASON)
                .setNull(PIPELINE_STATE.STOPPED_AT)
                .set(PIPELINE_STATE.UPDATED_AT, now)
                .where(PIPELINE_STATE.ID.eq(ROW))
                .execute();
    }

    @Override
    public void throttleUntil(Instant until, Instant now) {
        dsl.update(PIPELINE_STATE).set(PIPELINE_STATE.THROTTLED_UNTIL, until)
                .where(PIPELINE_STATE.ID.eq(ROW))
                .and(PIPELINE_STATE.THROTTLED_UNTIL.isNull().or(PIPELINE_STATE.THROTTLED_UNTIL.lt(until)))
                .execute();
    }

    @Override
    public void maintenanceUntil(Instant until, Instant now) {
        dsl.update(PIPELINE_STATE).set(PIPELINE_STATE.MAINTENANCE_UNTIL, until)
                .where(PIPELINE_STATE.ID.eq(ROW))
                .and(PIPELINE_STATE.MAINTENANCE_UNTIL.isNull().or(PIPELINE_STATE.MAINTENANCE_UNTIL.lt(until)))
                .execute();
    }

    private static String truncate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }
}
