package com.fleetprovisioner.core.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface UserRepository {
    /** Stored user and its password hash, for checking a login. */
    record Credentials(User user, String passwordHash) {
    }

    User create(String username, Role role, String passwordHash, Instant now);

    Optional<User> findById(long id);

    Optional<User> findByUsername(String username);

    Optional<Credentials> findCredentials(String username);

    List<User> list();

    long count();

    long countEnabledAdmins();

    void updateRole(long id, Role role, Instant now);

    void updateEnabled(long id, boolean enabled, Instant now);

    void updatePasswordHash(long id, String passwordHash, Instant now);
}
