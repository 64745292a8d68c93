package com.fleetprovisioner.db.auth;

import static com.fleetprovisioner.db.jooq.Tables.LOGIN_THROTTLE;

import com.fleetprovisioner.core.auth.LoginThrottleRepository;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.exception.IntegrityConstraintViolationException;

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
    public boolean replace(String key, Optional<Failures> expected, Failures next) {
        if (expected.isEmpty()) {
            // the primary key decides between two first attempts: the loser inserts nothing and tries again
            try {
                return dsl.insertInto(LOGIN_THROTTLE)
                        .set(LOGIN_THROTTLE.THROTTLE_KEY, key)
                        .set(LOGIN_THROTTLE.FAILURES, next.count())
                        .set(LOGIN_THROTTLE.LAST_FAILURE_AT, next.lastFailureAt())
                        .onConflictDoNothing()
                        .execute() == 1;
            } catch (IntegrityConstraintViolationException raced) {
                // H2 runs ON CONFLICT as a MERGE, which two racing inserts can still both attempt
                return false;
            }
        }
        return dsl.update(LOGIN_THROTTLE)
                .set(LOGIN_THROTTLE.FAILURES, next.count())
                .set(LOGIN_THROTTLE.LAST_FAILURE_AT, next.lastFailureAt())
                .where(LOGIN_THROTTLE.THROTTLE_KEY.eq(key))
                .and(LOGIN_THROTTLE.FAILURES.eq(expected.get().count()))
                .and(LOGIN_THROTTLE.LAST_FAILURE_AT.eq(expected.get().lastFailureAt()))
                .execute() == 1;
    }

    @Override
    public void giveBack(String key) {
        dsl.update(LOGIN_THROTTLE)
                .set(LOGIN_THROTTLE.FAILURES, LOGIN_THROTTLE.FAILURES.minus(1))
                .where(LOGIN_THROTTLE.THROTTLE_KEY.eq(key))
                .and(LOGIN_THROTTLE.FAILURES.gt(0))
                .execute();
    }

    @Override
    public void clear(String key) {
        dsl.deleteFrom(LOGIN_THROTTLE).where(LOGIN_THROTTLE.THROTTLE_KEY.eq(key)).execute();
    }
}
