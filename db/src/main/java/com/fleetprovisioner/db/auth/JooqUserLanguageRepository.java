package com.fleetprovisioner.db.auth;

import static com.fleetprovisioner.db.jooq.Tables.APP_USER;

import com.fleetprovisioner.core.auth.UserLanguageRepository;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;

/** The {@code language} column of {@code app_user} (V22). */
public final class JooqUserLanguageRepository implements UserLanguageRepository {
    private final DSLContext dsl;

    public JooqUserLanguageRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<String> language(long userId) {
        return dsl.select(APP_USER.LANGUAGE).from(APP_USER).where(APP_USER.ID.eq(userId)).fetchOptional(APP_USER.LANGUAGE);
    }

    @Override
    public void setLanguage(long userId, Optional<String> languageTag, Instant now) {
        dsl.update(APP_USER).set(APP_USER.LANGUAGE, languageTag.orElse(null)).set(APP_USER.UPDATED_AT, now)
                .where(APP_USER.ID.eq(userId)).execute();
    }
}
