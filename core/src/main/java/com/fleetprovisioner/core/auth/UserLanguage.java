package com.fleetprovisioner.core.auth;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.common.ValidationException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The language a user reads the pages in: one they chose, or none ("automatic": the browser's).
 * Only languages there is a bundle for can be chosen.
 */
public final class UserLanguage {
    /** The language tags there are texts for, in the order a chooser lists them. */
    public static final List<String> SUPPORTED = List.of("en", "fr-CA");

    private final UserLanguageRepository repository;
    private final AuditLog audit;
    private final Clock clock;

    public UserLanguage(UserLanguageRepository repository, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.clock = clock;
    }

    public Optional<String> of(long userId) {
        return repository.language(userId).filter(SUPPORTED::contains);
    }

    /** @param tag one of {@link #SUPPORTED}, or empty for "automatic" */
    public void choose(Actor actor, long userId, String tag) {
        if (!tag.isEmpty() && !SUPPORTED.contains(tag)) {
            throw ValidationException.of("language", "account.error.language");
        }
        repository.setLanguage(userId, tag.isEmpty() ? Optional.empty() : Optional.of(tag), clock.instant());
        audit.record(new AuditEntry(clock.instant(), actor, "account.language", actor.name(),
                tag.isEmpty() ? "automatic" : tag));
    }
}
