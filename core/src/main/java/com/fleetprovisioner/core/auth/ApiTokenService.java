package com.fleetprovisioner.core.auth;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.common.Secrets;
import com.fleetprovisioner.core.common.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens for the REST API: shown once when issued, stored hashed, revocable, carrying their user's
 * role. Each has the lifetime chosen when it was issued ({@value #DEFAULT_DAYS} days unless chosen
 * otherwise); a password reset or disabling the user revokes them all (see {@link UserService}), so
 * re-enabling a user brings none back.
 */
public final class ApiTokenService {
    public static final String TOKEN_PREFIX = "fpt_";
    private static final int SHOWN_PREFIX_LENGTH = TOKEN_PREFIX.length() + 8;
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    public static final int DEFAULT_DAYS = 90;
    public static final int MAX_DAYS = 365;
    /** The lifetime a person may choose: a number of days, or no expiry. */
    public static final String NEVER = "never";

    /** The raw token exists only in this value, returned once to the person who asked for it. */
    public record IssuedToken(String rawToken, ApiToken token) {
    }

    private final ApiTokenRepository tokens;
    private final AuditLog audit;
    private final Clock clock;

    public ApiTokenService(ApiTokenRepository tokens, AuditLog audit, Clock clock) {
        this.tokens = tokens;
        this.audit = audit;
        this.clock = clock;
    }

    public IssuedToken issue(Actor actor, User owner, String rawName) {
        return issue(actor, owner, rawName, "");
    }

    /**
     * @param rawDays days until it expires (1 to {@value #MAX_DAYS}), {@value #NEVER}, or blank for the default;
     *                the expiry is cut to the second, so a database that rounds sub-second time never extends it
     */
    public IssuedToken issue(Actor actor, User owner, String rawName, String rawDays) {
        Optional<Duration> lifetime = lifetime(rawDays);
        String name = rawName == null || rawName.isBlank() ? "API token" : rawName.strip();
        if (name.length() > 100) {
            throw ValidationException.of("name", "A token name has at most 100 characters");
        }
        String raw = TOKEN_PREFIX + Secrets.randomToken(32);
        Instant now = clock.instant();
        ApiToken token = tokens.create(owner.id(), name, Secrets.sha256Hex(raw), raw.substring(0, SHOWN_PREFIX_LENGTH),
                now, lifetime.map(days -> now.plus(days).truncatedTo(ChronoUnit.SECONDS)));
        record(actor, "token.created", owner.username(), "token " + token.id() + " '" + name + "', "
                + token.expiresAt().map(at -> "expires " + at).orElse("no expiry"));
        return new IssuedToken(raw, token);
    }

    /** The enabled user behind a bearer token, if the token is valid and not revoked. */
    public Optional<User> authenticate(String rawToken) {
        if (rawToken == null || !rawToken.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return tokens.findActive(Secrets.sha256Hex(rawToken))
                .filter(owner -> owner.user().enabled() && !owner.token().expiredAt(clock.instant()))
                .map(owner -> {
                    Instant now = clock.instant();
                    boolean stale = owner.token().lastUsedAt().map(at -> at.plus(TOUCH_INTERVAL).isBefore(now)).orElse(true);
                    if (stale) {
                        tokens.touch(owner.token().id(), now);
                    }
                    return owner.user();
                });
    }

    /** When a token that is not revoked has expired: what the API tells its caller instead of "not valid". */
    public Optional<Instant> expiredAt(String rawToken) {
        if (rawToken == null || !rawToken.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return tokens.findActive(Secrets.sha256Hex(rawToken)).map(ApiTokenRepository.TokenOwner::token)
                .filter(token -> token.expiredAt(clock.instant())).flatMap(ApiToken::expiresAt);
    }

    static Optional<Duration> lifetime(String rawDays) {
        String raw = rawDays == null ? "" : rawDays.strip();
        if (raw.isEmpty()) {
            return Optional.of(Duration.ofDays(DEFAULT_DAYS));
        }
        if (raw.equalsIgnoreCase(NEVER)) {
            return Optional.empty();
        }
        try {
            int days = Integer.parseInt(raw);
            if (days >= 1 && days <= MAX_DAYS) {
                return Optional.of(Duration.ofDays(days));
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ValidationException.of("expiresInDays", "Choose a lifetime from 1 to " + MAX_DAYS + " days, or "
                + NEVER + ".");
    }

    /** Admins see every token; everyone else their own. */
    public List<ApiToken> visibleTo(User viewer) {
        return viewer.role() == Role.ADMIN ? tokens.listAll() : tokens.listForUser(viewer.id());
    }

    public void revoke(Actor actor, User requester, long tokenId) {
        ApiToken token = tokens.findById(tokenId)
                .filter(t -> t.userId() == requester.id() || requester.role() == Role.ADMIN)
                .orElseThrow(() -> new NotFoundException("No token with id " + tokenId));
        if (tokens.revoke(tokenId, clock.instant())) {
            record(actor, "token.revoked", token.username(), "token " + tokenId + " '" + token.name() + "'");
        }
    }

    private void record(Actor actor, String action, String target, String details) {
        audit.record(new AuditEntry(clock.instant(), actor, action, target, details));
    }
}
