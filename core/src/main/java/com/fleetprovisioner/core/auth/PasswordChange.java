package com.fleetprovisioner.core.auth;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.common.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A user changing their own password. The current password is required (and its check throttled
 * like a sign-in, so a borrowed session cannot guess it); the change ends every other session of the
 * user and revokes their API tokens, while the session that made the change stays signed in.
 */
public final class PasswordChange {
    private final UserRepository users;
    private final SessionRepository sessions;
    private final ApiTokenRepository tokens;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy = new PasswordPolicy();
    private final AuditLog audit;
    private final Transactions transactions;
    private final Clock clock;

    public PasswordChange(UserRepository users, SessionRepository sessions, ApiTokenRepository tokens,
            LoginThrottle throttle, PasswordHasher hasher, AuditLog audit, Transactions transactions, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.tokens = tokens;
        this.throttle = throttle;
        this.hasher = hasher;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What the change ended besides the password. */
    public record Changed(int sessionsEnded, int tokensRevoked) {
    }

    /**
     * @param keptSessionHash the hash of the session making the change: it stays signed in
     * @throws ValidationException on {@code current} (wrong, or too many wrong tries) or {@code password}
     * @throws HashingBusyException when too many password checks are running
     */
    public Changed change(Actor actor, User user, String keptSessionHash, String current, String next) {
        policy.check(next, user.username());
        if (next.equals(current)) {
            throw ValidationException.of("password", "password.error.same");
        }
        checkCurrent(actor, user, current);
        String passwordHash = hasher.hash(next);
        return transactions.inTransaction(() -> {
            Instant now = clock.instant();
            users.updatePasswordHash(user.id(), passwordHash, now);
            int ended = sessions.deleteForUserExcept(user.id(), keptSessionHash);
            int revoked = tokens.revokeAllFor(user.id(), now);
            audit.record(new AuditEntry(now, actor, "user.password-changed", user.username(),
                    "other sessions ended: " + ended + ", API tokens revoked: " + revoked));
            return new Changed(ended, revoked);
        });
    }

    private void checkCurrent(Actor actor, User user, String current) {
        List<String> keys = LoginThrottle.keys(user.username(), actor.clientIp());
        Optional<LoginThrottle.Refusal> refusal = throttle.reserve(keys);
        if (refusal.isPresent()) {
            throw ValidationException.of("current", "password.error.throttled", refusal.get().until());
        }
        Optional<UserRepository.Credentials> credentials = users.findCredentials(user.username());
        boolean ok;
        try {
            ok = credentials.isPresent() && hasher.matches(current, credentials.get().passwordHash());
        } catch (HashingBusyException e) {
            throttle.release(keys);
            throw e;
        }
        if (!ok) {
            audit.record(new AuditEntry(clock.instant(), actor, "user.password-change-refused", user.username(),
                    "wrong current password"));
            throw ValidationException.of("current", "password.error.current");
        }
        throttle.recordSuccess(keys);
    }
}
