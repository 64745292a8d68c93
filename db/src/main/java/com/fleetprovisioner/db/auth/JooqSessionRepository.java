package com.fleetprovisioner.db.auth;

import static com.fleetprovisioner.db.jooq.Tables.APP_USER;
import static com.fleetprovisioner.db.jooq.Tables.USER_SESSION;

import com.fleetprovisioner.core.auth.Session;
import com.fleetprovisioner.core.auth.SessionRepository;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

public final class JooqSessionRepository implements SessionRepository {
    private final DSLContext dsl;

    public JooqSessionRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void create(Session session) {
        dsl.insertInto(USER_SESSION)
                .set(USER_SESSION.TOKEN_HASH, session.tokenHash())
                .set(USER_SESSION.USER_ID, session.userId())
                .set(USER_SESSION.CSRF_TOKEN, session.csrfToken())
                .set(USER_SESSION.CREATED_AT, session.createdAt())
                .set(USER_SESSION.LAST_SEEN_AT, session.lastSeenAt())
                .set(USER_SESSION.CLIENT_IP, session.clientIp())
                .set(USER_SESSION.USER_AGENT, session.userAgent())
                .execute();
    }

    @Override
    public Optional<SessionWithUser> find(String tokenHash) {
        return dsl.select()
                .from(USER_SESSION).join(APP_USER).on(APP_USER.ID.eq(USER_SESSION.USER_ID))
                .where(USER_SESSION.TOKEN_HASH.eq(tokenHash))
                .fetchOptional(row -> new SessionWithUser(
                        new Session(row.get(USER_SESSION.TOKEN_HASH), row.get(USER_SESSION.USER_ID),
                                row.get(USER_SESSION.CSRF_TOKEN), row.get(USER_SESSION.CREATED_AT),
                                row.get(USER_SESSION.LAST_SEEN_AT), row.get(USER_SESSION.CLIENT_IP),
                                row.get(USER_SESSION.USER_AGENT)),
                        JooqUserRepository.toUser(row)));
    }

    @Override
    public void touch(String tokenHash, Instant at) {
        dsl.update(USER_SESSION).set(USER_SESSION.LAST_SEEN_AT, at).where(USER_SESSION.TOKEN_HASH.eq(tokenHash)).execute();
    }

    @Override
    public void delete(String tokenHash) {
        dsl.deleteFrom(USER_SESSION).where(USER_SESSION.TOKEN_HASH.eq(tokenHash)).execute();
    }

    @Override
    public int deleteForUser(long userId) {
        return dsl.deleteFrom(USER_SESSION).where(USER_SESSION.USER_ID.eq(userId)).execute();
    }

    @Override
    public int deleteForUserExcept(long userId, String keptTokenHash) {
        return dsl.deleteFrom(USER_SESSION)
                .where(USER_SESSION.USER_ID.eq(userId).and(USER_SESSION.TOKEN_HASH.ne(keptTokenHash)))
                .execute();
    }

    @Override
    public int deleteExpired(Instant idleBefore, Instant createdBefore) {
        return dsl.deleteFrom(USER_SESSION)
                .where(USER_SESSION.LAST_SEEN_AT.lt(idleBefore).or(USER_SESSION.CREATED_AT.lt(createdBefore)))
                .execute();
    }
}
