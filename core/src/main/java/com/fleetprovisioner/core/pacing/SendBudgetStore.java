package com.fleetprovisioner.core.pacing;

import java.util.function.BiFunction;
import java.time.Instant;

/** The one shared {@link RateState} row every worker process paces by. */
public interface SendBudgetStore {

    /** What a change makes of the state, and what it hands back to the caller. */
    record Change<T>(RateState next, T result) {
    }

    /**
     * In one short transaction: locks the row, reads it and the database's clock (so that workers on
     * machines with different clocks agree), stores the state {@code change} returns and hands back its
     * result.
     */
    <T> T update(BiFunction<RateState, Instant, Change<T>> change);

    /** The state as it is, for pages and metrics. */
    RateState read();
}
