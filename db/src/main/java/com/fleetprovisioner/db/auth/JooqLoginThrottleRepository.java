package com.fleetprovisioner.db.auth;

import static com.fleetprovisioner.db.jooq.Tables.LOGIN_THROTTLE;

import com.fleetprovisioner.core.auth.LoginThrottleRepository;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

public final class JooqLoginThrottleRepository implements LoginThrottleRepository {
    private final DSLContext dsl;

    public JooqLoginThrottleRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<Failures> find(String key) {
        return dsl.selectFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.THROTTLE_KEY.eq(key))
                .fetchOptional(row -> new Failures(row.getFailures(), row.getLastFailureAt()));
    }

    @Override
    public Failures recordFailure(String key, Instant now, Instant staleBefore) {
        // Insert-if-absent, then one atomic UPDATE: concurrent failures from several web processes all count.
        dsl.insertInto(LOGIN_THROTTLE)
                .set(LOGIN_THROTTLE.THROTTLE_KEY, key)
                .set(LOGIN_THROTTLE.FAILURES, 0)
                .set(LOGIN_THROTTLE.LAST_FAILURE_AT, now)
                .onConflictDoNothing()
                .execute();
        dsl.update(LOGIN_THROTTLE)
                .set(LOGIN_THROTTLE.FAILURES, DSL.when(LOGIN_THROTTLE.LAST_FAILURE_AT.lt(staleBefore), DSL.inline(1))
                        .otherwise(LOGIN_THROTTLE.FAILURES.plus(1)))
                .set(LOGIN_THROTTLE.LAST_FAILURE_AT, now)
                .where(LOGIN_THROTTLE.THROTTLE_KEY.eq(key))
                .execute();
        return find(key).orElseThrow();
    }

    @Override
    public void clear(String key) {
        dsl.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.THROTTLE_KEY.eq(key)).execute();
    }
}
