package com.fleetprovisioner.core.auth;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.common.Secrets;
import com.fleetprovisioner.core.common.Transactions;
import com.fleetprovisioner.core.common.ValidationException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Users and their roles: created, promoted, disabled and reset by admins; every change audited. */
public final class UserService {
    public static final String INITIAL_ADMIN = "admin";
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9._@+-]{3,100}");
    private final PasswordPolicy policy = new PasswordPolicy();

    private final UserRepository users;
    private final SessionRepository sessions;
    private final ApiTokenRepository tokens;
    private final PasswordHasher hasher;
    private final AuditLog audit;
    private final Transactions transactions;
    private final Clock clock;

    public UserService(UserRepository users, SessionRepository sessions, ApiTokenRepository tokens,
            PasswordHasher hasher, AuditLog audit, Transactions transactions, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.tokens = tokens;
        this.hasher = hasher;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    public static String normalizeUsername(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    public List<User> list() {
        return users.list();
    }

    public Optional<User> find(String username) {
        return users.findByUsername(normalizeUsername(username));
    }

    public User get(long id) {
        return users.findById(id).orElseThrow(() -> new NotFoundException("No user with id " + id));
    }

    public User create(Actor actor, String rawUsername, Role role, String password) {
        String username = normalizeUsername(rawUsername);
        if (!USERNAME.matcher(username).matches()) {
            throw ValidationException.of("username",
                    "A user name has 3 to 100 characters: letters, digits and . _ @ + -");
        }
        policy.check(password, username);
        // hashed before the transaction: a wait for a hashing permit must not hold a connection
        String passwordHash = hasher.hash(password);
        return transactions.inTransaction(() -> {
            if (users.findByUsername(username).isPresent()) {
                throw ValidationException.of("username", "A user named " + username + " already exists");
            }
            User user = users.create(username, role, passwordHash, clock.instant());
            record(actor, "user.created", username, "role " + role.id());
            return user;
        });
    }

    public void changeRole(Actor actor, long id, Role role) {
        transactions.run(() -> {
            User user = get(id);
            if (user.role() == Role.ADMIN && role != Role.ADMIN) {
                requireAnotherAdmin(user);
            }
            users.updateRole(id, role, clock.instant());
            record(actor, "user.role-changed", user.username(), user.role().id() + " -> " + role.id());
        });
    }

    /**
     * Disabling ends every session of the user at once and revokes their API tokens: re-enabling them
     * later brings none back.
     */
    public void setEnabled(Actor actor, long id, boolean enabled) {
        transactions.run(() -> {
            User user = get(id);
            if (!enabled) {
                if (actor.userId().filter(self -> self == id).isPresent()) {
                    throw ValidationException.of("user", "You cannot disable yourself");
                }
                if (user.role() == Role.ADMIN) {
                    requireAnotherAdmin(user);
                }
                sessions.deleteForUser(id);
            }
            int revoked = enabled ? 0 : tokens.revokeAllFor(id, clock.instant());
            users.updateEnabled(id, enabled, clock.instant());
            record(actor, enabled ? "user.enabled" : "user.disabled", user.username(),
                    revoked == 0 ? "" : revoked + " API token(s) revoked");
        });
    }

    /**
     * A new password ends the user's sessions and revokes their API tokens, so whoever knew the old
     * password, or took a token with it, is out.
     */
    public void resetPassword(Actor actor, long id, String password) {
        policy.check(password, users.findById(id).map(User::username).orElse(""));
        String passwordHash = hasher.hash(password);
        transactions.run(() -> {
            User user = get(id);
            users.updatePasswordHash(id, passwordHash, clock.instant());
            sessions.deleteForUser(id);
            int revoked = tokens.revokeAllFor(id, clock.instant());
            record(actor, "user.password-reset", user.username(), revoked == 0 ? "" : revoked + " API token(s) revoked");
        });
    }

    /**
     * Creates the first admin when there are no users yet. Returns the password when it was generated,
     * so the caller can print it once; an already populated database is left alone.
     */
    public Optional<String> ensureInitialAdmin(Optional<String> configuredPassword) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        String password = configuredPassword.orElseGet(() -> Secrets.randomToken(15));
        try {
            create(Actor.system(), INITIAL_ADMIN, Role.ADMIN, password);
        } catch (RuntimeException raced) {
            // Another process created it between our count and insert: theirs stands.
            if (users.findByUsername(INITIAL_ADMIN).isEmpty()) {
                throw raced;
            }
            return Optional.empty();
        }
        return configuredPassword.isPresent() ? Optional.empty() : Optional.of(password);
    }

    private void requireAnotherAdmin(User user) {
        if (user.enabled() && users.countEnabledAdmins() <= 1) {
            throw ValidationException.of("role", "There must always be at least one enabled admin");
        }
    }

    private void record(Actor actor, String action, String target, String details) {
        audit.record(new AuditEntry(clock.instant(), actor, action, target, details));
    }
}
