package com.fleetprovisioner.db.auth;

import static com.fleetprovisioner.db.jooq.Tables.APP_USER;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.auth.User;
import com.fleetprovisioner.core.auth.UserRepository;
import com.fleetprovisioner.db.jooq.tables.records.AppUserRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

public final class JooqUserRepository implements UserRepository {
    private final DSLContext dsl;

    public JooqUserRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public User create(String username, Role role, String passwordHash, Instant now) {
        AppUserRecord row = dsl.insertInto(APP_USER)
                .set(APP_USER.USERNAME, username)
                .set(APP_USER.PASSWORD_HASH, passwordHash)
                .set(APP_USER.ROLE, role.id())
                .set(APP_USER.ENABLED, true)
                .set(APP_USER.CREATED_AT, now)
                .set(APP_USER.UPDATED_AT, now)
                .returning()
                .fetchOne();
        return toUser(row);
    }

    @Override
    public Optional<User> findById(long id) {
        return dsl.selectFrom(APP_USER).where(APP_USER.ID.eq(id)).fetchOptional().map(JooqUserRepository::toUser);
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return dsl.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOptional()
                .map(JooqUserRepository::toUser);
    }

    @Override
    public Optional<Credentials> findCredentials(String username) {
        return dsl.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOptional()
                .map(row -> new Credentials(toUser(row), row.getPasswordHash()));
    }

    @Override
    public List<User> list() {
        return dsl.selectFrom(APP_USER).orderBy(APP_USER.USERNAME).fetch(JooqUserRepository::toUser);
    }

    @Override
    public long count() {
        return dsl.fetchCount(APP_USER);
    }

    @Override
    public long countEnabledAdmins() {
        return dsl.fetchCount(APP_USER, APP_USER.ROLE.eq(Role.ADMIN.id()).and(APP_USER.ENABLED.isTrue()));
    }

    @Override
    public void updateRole(long id, Role role, Instant now) {
        dsl.update(APP_USER).set(APP_USER.ROLE, role.id()).set(APP_USER.UPDATED_AT, now)
                .where(APP_USER.ID.eq(id)).execute();
    }

    @Override
    public void updateEnabled(long id, boolean enabled, Instant now) {
        dsl.update(APP_USER).set(APP_USER.ENABLED, enabled).set(APP_USER.UPDATED_AT, now)
                .where(APP_USER.ID.eq(id)).execute();
    }

    @Override
    public void updatePasswordHash(long id, String passwordHash, Instant now) {
        dsl.update(APP_USER).set(APP_USER.PASSWORD_HASH, passwordHash).set(APP_USER.UPDATED_AT, now)
                .where(APP_USER.ID.eq(id)).execute();
    }

    /** Maps the user columns of any row that holds them (also joins). */
    public static User toUser(Record row) {
        return new User(row.get(APP_USER.ID), row.get(APP_USER.USERNAME), Role.parse(row.get(APP_USER.ROLE)),
                row.get(APP_USER.ENABLED), row.get(APP_USER.CREATED_AT));
    }
}
