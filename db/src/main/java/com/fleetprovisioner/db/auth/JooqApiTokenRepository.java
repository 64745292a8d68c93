package com.fleetprovisioner.db.auth;

import static com.fleetprovisioner.db.jooq.Tables.API_TOKEN;
import static com.fleetprovisioner.db.jooq.Tables.APP_USER;

import com.fleetprovisioner.core.auth.ApiToken;
import com.fleetprovisioner.core.auth.ApiTokenRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

public final class JooqApiTokenRepository implements ApiTokenRepository {
    private final DSLContext dsl;

    public JooqApiTokenRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public ApiToken create(long userId, String name, String tokenHash, String prefix, Instant now,
            Optional<Instant> expiresAt) {
        long id = dsl.insertInto(API_TOKEN)
                .set(API_TOKEN.USER_ID, userId)
                .set(API_TOKEN.NAME, name)
                .set(API_TOKEN.TOKEN_HASH, tokenHash)
                .set(API_TOKEN.TOKEN_PREFIX, prefix)
                .set(API_TOKEN.CREATED_AT, now)
                .set(API_TOKEN.EXPIRES_AT, expiresAt.orElse(null))
                .returning(API_TOKEN.ID)
                .fetchOne(API_TOKEN.ID);
        return findById(id).orElseThrow();
    }

    @Override
    public Optional<TokenOwner> findActive(String tokenHash) {
        return dsl.select().from(API_TOKEN).join(APP_USER).on(APP_USER.ID.eq(API_TOKEN.USER_ID))
                .where(API_TOKEN.TOKEN_HASH.eq(tokenHash).and(API_TOKEN.REVOKED_AT.isNull()))
                .fetchOptional(row -> new TokenOwner(toToken(row), JooqUserRepository.toUser(row)));
    }

    @Override
    public Optional<ApiToken> findById(long id) {
        return select(API_TOKEN.ID.eq(id)).stream().findFirst();
    }

    @Override
    public List<ApiToken> listForUser(long userId) {
        return select(API_TOKEN.USER_ID.eq(userId));
    }

    @Override
    public List<ApiToken> listAll() {
        return select(DSL.noCondition());
    }

    @Override
    public boolean revoke(long id, Instant now) {
        return dsl.update(API_TOKEN).set(API_TOKEN.REVOKED_AT, now)
                .where(API_TOKEN.ID.eq(id).and(API_TOKEN.REVOKED_AT.isNull())).execute() == 1;
    }

    @Override
    public int revokeAllFor(long userId, Instant now) {
        return dsl.update(API_TOKEN).set(API_TOKEN.REVOKED_AT, now)
                .where(API_TOKEN.USER_ID.eq(userId).and(API_TOKEN.REVOKED_AT.isNull())).execute();
    }

    @Override
    public void touch(long id, Instant now) {
        dsl.update(API_TOKEN).set(API_TOKEN.LAST_USED_AT, now).where(API_TOKEN.ID.eq(id)).execute();
    }

    private List<ApiToken> select(Condition condition) {
        return dsl.select().from(API_TOKEN).join(APP_USER).on(APP_USER.ID.eq(API_TOKEN.USER_ID))
                .where(condition).orderBy(API_TOKEN.CREATED_AT.desc(), API_TOKEN.ID.desc())
                .fetch(JooqApiTokenRepository::toToken);
    }

    private static ApiToken toToken(Record row) {
        return new ApiToken(row.get(API_TOKEN.ID), row.get(API_TOKEN.USER_ID), row.get(APP_USER.USERNAME),
                row.get(API_TOKEN.NAME), row.get(API_TOKEN.TOKEN_PREFIX), row.get(API_TOKEN.CREATED_AT),
                Optional.ofNullable(row.get(API_TOKEN.LAST_USED_AT)), Optional.ofNullable(row.get(API_TOKEN.REVOKED_AT)),
                Optional.ofNullable(row.get(API_TOKEN.EXPIRES_AT)));
    }
}
