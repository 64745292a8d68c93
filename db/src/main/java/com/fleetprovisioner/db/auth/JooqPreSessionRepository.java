package com.fleetprovisioner.db.auth;

import static com.fleetprovisioner.db.jooq.Tables.LOGIN_PRESESSION;

import com.fleetprovisioner.core.auth.PreSessionRepository;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

public final class JooqPreSessionRepository implements PreSessionRepository {
    private final DSLContext dsl;

    public JooqPreSessionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void create(String tokenHash, String csrfToken, Instant createdAt) {
        dsl.insertInto(LOGIN_PRESESSION)
                .set(LOGIN_PRESESSION.TOKEN_HASH, tokenHash)
                .set(LOGIN_PRESESSION.CSRF_TOKEN, csrfToken)
                .set(LOGIN_PRESESSION.CREATED_AT, createdAt)
                .execute();
    }

    @Override
    public Optional<String> csrfToken(String tokenHash, Instant notBefore) {
        return dsl.select(LOGIN_PRESESSION.CSRF_TOKEN).from(LOGIN_PRESESSION)
                .where(LOGIN_PRESESSION.TOKEN_HASH.eq(tokenHash).and(LOGIN_PRESESSION.CREATED_AT.ge(notBefore)))
                .fetchOptional(LOGIN_PRESESSION.CSRF_TOKEN);
    }

    @Override
    public void delete(String tokenHash) {
        dsl.deleteFrom(LOGIN_PRESESSION).where(LOGIN_PRESESSION.TOKEN_HASH.eq(tokenHash)).execute();
    }

    @Override
    public int deleteCreatedBefore(Instant before) {
        return dsl.deleteFrom(LOGIN_PRESESSION).where(LOGIN_PRESESSION.CREATED_AT.lt(before)).execute();
    }
}
