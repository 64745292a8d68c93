package com.fleetprovisioner.core.auth;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.auth.SessionRepository.SessionWithUser;
import com.fleetprovisioner.common.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Checks passwords (throttled, every checked or refused attempt audited) and keeps browser sessions.
 * An attempt is counted by the throttle before its password is hashed, so parallel guesses cannot
 * slip past it; one refused for want of a hashing permit is given back and not audited.
 */
public final class AuthService {
    /** A session's last-seen time is written at most this often, so reading pages does not mean writing rows. */
    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    public sealed interface Authentication {
        record Succeeded(User user) implements Authentication {
        }

        record Refused(LoginThrottle.Refusal refusal) implements Authentication {
        }

        record Failed() implements Authentication {
        }

        /** Too many password checks were running to start this one soon; nothing was checked or counted. */
        record Busy(long retryAfterSeconds) implements Authentication {
        }
    }

    /**
     * Where an attempt comes from: the client address we throttle on, the socket's peer and the
     * forwarded header as sent (for the audit log), and the known-device cookie the browser brought.
     */
    public record Origin(String clientIp, String peerIp, String forwardedFor, Optional<String> deviceCookie) {
        public static Origin of(String clientIp) {
            return new Origin(clientIp, "", "", Optional.empty());
        }

        Actor actor(Optional<User> user, String username) {
            Actor actor = user.map(u -> Actor.user(u.id(), u.username(), clientIp))
                    .orElseGet(() -> Actor.anonymous(username, clientIp));
            return actor.seenFrom(peerIp, forwardedFor);
        }
    }

    /** A new session: the raw cookie value is returned once and never stored. */
    public record NewSession(String cookieValue, Session session, User user) {
    }

    private final UserRepository users;
    private final SessionRepository sessions;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final KnownDevices devices;

    public AuthService(UserRepository users, SessionRepository sessions, LoginThrottle throttle, PasswordHasher hasher,
            AuditLog audit, Clock clock, Duration idleTimeout, Duration maxAge) {
        this(users, sessions, throttle, hasher, audit, clock, idleTimeout, maxAge, KnownDevices.none(clock));
    }

    public AuthService(UserRepository users, SessionRepository sessions, LoginThrottle throttle, PasswordHasher hasher,
            AuditLog audit, Clock clock, Duration idleTimeout, Duration maxAge, KnownDevices devices) {
        this.devices = devices;
        this.users = users;
        this.sessions = sessions;
        this.throttle = throttle;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.maxAge = maxAge;
    }

    /** Checks a username and password; {@code channel} ("web" or "api") goes into the audit log. */
    public Authentication authenticate(String rawUsername, String password, String clientIp, String channel) {
        return authenticate(rawUsername, password, Origin.of(clientIp), channel);
    }

    /**
     * As above; an attempt from a device known for this account is throttled on that device alone,
     * so that other people's failures cannot keep the account's owner out.
     */
    public Authentication authenticate(String rawUsername, String password, Origin origin, String channel) {
        String username = UserService.normalizeUsername(rawUsername);
        Actor actor = origin.actor(Optional.empty(), username);
        List<String> keys = origin.deviceCookie().flatMap(cookie -> devices.recognise(cookie, username))
                .map(LoginThrottle::deviceKeys)
                .orElseGet(() -> LoginThrottle.keys(username, origin.clientIp()));
        Optional<LoginThrottle.Refusal> refusal = throttle.reserve(keys);
        if (refusal.isPresent()) {
            record(actor, "login.refused", username,
                    (refusal.get().locked() ? "locked" : "throttled") + " until " + refusal.get().until() + " (" + channel + ")");
            return new Authentication.Refused(refusal.get());
        }
        Optional<UserRepository.Credentials> credentials = users.findCredentials(username);
        boolean passwordOk;
        try {
            passwordOk = credentials.isPresent()
                    ? hasher.matches(password, credentials.get().passwordHash())
                    : hasher.matchesNothing(password);
        } catch (HashingBusyException e) {
            throttle.release(keys);
            return new Authentication.Busy(e.retryAfterSeconds());
        }
        if (!passwordOk || !credentials.get().user().enabled()) {
            // the attempt was counted when it was reserved
            String reason = credentials.isEmpty() ? "unknown user" : !passwordOk ? "wrong password" : "user disabled";
            record(actor, "login.failed", username, reason + " (" + channel + ")");
            return new Authentication.Failed();
        }
        User user = credentials.get().user();
        throttle.recordSuccess(keys);
        record(origin.actor(Optional.of(user), username), "login.succeeded", username,
                channel + (keys.size() == 1 ? ", known device" : ""));
        return new Authentication.Succeeded(user);
    }

    /** The known-device cookie for a browser where {@code user} just signed in (empty when devices are off). */
    public Optional<String> knownDeviceCookie(User user) {
        return devices.issue(user.username());
    }

    /** Opens a fresh session (a new id at every login) for a user who just authenticated. */
    public NewSession openSession(User user, String clientIp, String userAgent) {
        Instant now = clock.instant();
        String cookieValue = Secrets.randomToken(32);
        Session session = new Session(Secrets.sha256Hex(cookieValue), user.id(), Secrets.randomToken(32), now, now,
                clientIp, truncate(userAgent, 300));
        sessions.create(session);
        return new NewSession(cookieValue, session, user);
    }

    /** The session behind a cookie value, if it exists, is not expired and its user is still enabled. */
    public Optional<SessionWithUser> resume(String cookieValue) {
        if (cookieValue == null || cookieValue.isBlank()) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(cookieValue);
        Optional<SessionWithUser> found = sessions.find(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Session session = found.get().session();
        Instant now = clock.instant();
        boolean expired = session.lastSeenAt().plus(idleTimeout).isBefore(now)
                || session.createdAt().plus(maxAge).isBefore(now);
        if (expired || !found.get().user().enabled()) {
            sessions.delete(hash);
            return Optional.empty();
        }
        if (session.lastSeenAt().plus(TOUCH_INTERVAL).isBefore(now)) {
            sessions.touch(hash, now);
        }
        return found;
    }

    /** Drops a session without an audit entry: the old session a browser had when it signed in again. */
    public void discard(String cookieValue) {
        if (cookieValue != null && !cookieValue.isBlank()) {
            sessions.delete(Secrets.sha256Hex(cookieValue));
        }
    }

    public void logout(String cookieValue, Actor actor) {
        if (cookieValue != null && !cookieValue.isBlank()) {
            sessions.delete(Secrets.sha256Hex(cookieValue));
            record(actor, "logout", actor.name(), "");
        }
    }

    /** Housekeeping: drops sessions that can no longer be resumed. */
    public int purgeExpiredSessions() {
        Instant now = clock.instant();
        return sessions.deleteExpired(now.minus(idleTimeout), now.minus(maxAge));
    }

    private void record(Actor actor, String action, String target, String details) {
        audit.record(new AuditEntry(clock.instant(), actor, action, target, details));
    }

    private static String truncate(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max);
    }
}
