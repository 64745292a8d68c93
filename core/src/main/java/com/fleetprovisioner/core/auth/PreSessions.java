package com.fleetprovisioner.core.auth;

import com.fleetprovisioner.common.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The server-side session of a browser before it signs in. The login form's CSRF token is the one
 * stored for the browser's cookie: an empty pair, or any pair an attacker makes up, matches nothing
 * here. The cookie is random and only its SHA-256 is stored; a sign-in ends the pre-session.
 */
public final class PreSessions {
    public static final Duration LIFETIME = Duration.ofHours(2);

    /** A new pre-session: the cookie value goes to the browser, the token into its forms. */
    public record Opened(String cookieValue, String csrfToken) {
    }

    private final PreSessionRepository repository;
    private final Clock clock;

    public PreSessions(PreSessionRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    public Opened open() {
        Opened opened = new Opened(Secrets.randomToken(32), Secrets.randomToken(32));
        repository.create(Secrets.sha256Hex(opened.cookieValue()), opened.csrfToken(), clock.instant());
        return opened;
    }

    /** The CSRF token bound to this cookie, while its pre-session lives. */
    public Optional<String> csrfToken(String cookieValue) {
        if (cookieValue == null || cookieValue.isEmpty() || cookieValue.length() > 100) {
            return Optional.empty();
        }
        return repository.csrfToken(Secrets.sha256Hex(cookieValue), clock.instant().minus(LIFETIME))
                .filter(token -> !token.isEmpty());
    }

    public void end(String cookieValue) {
        if (cookieValue != null && !cookieValue.isEmpty()) {
            repository.delete(Secrets.sha256Hex(cookieValue));
        }
    }

    /** Housekeeping: drops pre-sessions that can no longer be used. */
    public int purge() {
        return repository.deleteCreatedBefore(clock.instant().minus(LIFETIME));
    }
}
