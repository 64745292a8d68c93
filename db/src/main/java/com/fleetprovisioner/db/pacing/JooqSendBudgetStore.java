package com.fleetprovisioner.db.pacing;

import static com.fleetprovisioner.db.jooq.Tables.SEND_BUDGET;

import com.fleetprovisioner.core.pacing.RatePhase;
import com.fleetprovisioner.core.pacing.RateState;
import com.fleetprovisioner.core.pacing.SendBudgetStore;
import com.fleetprovisioner.db.jooq.tables.records.SendBudgetRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The single {@code send_budget} row. Each change is one transaction: the row is locked with
 * {@code SELECT … FOR UPDATE} together with the database's clock, the core rules compute the next state,
 * one UPDATE stores it. Workers reserve about every 100 ms of sending each, so the lock is held briefly
 * and rarely even at hundreds of commands per second.
 */
public final class JooqSendBudgetStore implements SendBudgetStore {
    private static final int ROW = 1;
    private final DSLContext dsl;

    public JooqSendBudgetStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public <T> T update(BiFunction<RateState, Instant, Change<T>> change) {
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            var now = DSL.currentInstant().as("now");
            Record r = db.select(SEND_BUDGET.asterisk(), now).from(SEND_BUDGET).where(SEND_BUDGET.ID.eq(ROW))
                    .forUpdate().fetchSingle();
            Change<T> result = change.apply(state(r.into(SEND_BUDGET)), r.get(now));
            RateState next = result.next();
            db.update(SEND_BUDGET)
                    .set(SEND_BUDGET.RATE, next.rate())
                    .set(SEND_BUDGET.CEILING, next.ceiling())
                    .set(SEND_BUDGET.PHASE, next.phase().name())
                    .set(SEND_BUDGET.CHANGED_AT, next.changedAt())
                    .set(SEND_BUDGET.THROTTLED_AT, next.throttledAt().orElse(null))
                    .set(SEND_BUDGET.WINDOW_START, next.windowStart())
                    .set(SEND_BUDGET.GRANTED, next.granted())
                    .set(SEND_BUDGET.NEXT_SLOT, next.nextSlot())
                    .where(SEND_BUDGET.ID.eq(ROW))
                    .execute();
            return result.result();
        });
    }

    @Override
    public RateState read() {
        return state(dsl.selectFrom(SEND_BUDGET).where(SEND_BUDGET.ID.eq(ROW)).fetchSingle());
    }

    private static RateState state(SendBudgetRecord r) {
        return new RateState(r.getRate(), r.getCeiling(), RatePhase.valueOf(r.getPhase()), r.getChangedAt(),
                Optional.ofNullable(r.getThrottledAt()), r.getWindowStart(), r.getGranted(), r.getNextSlot());
    }
}
