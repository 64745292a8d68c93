package com.fleetprovisioner.core.auth;

import java.time.Instant;

/** A person who uses Fleet Provisioner. The password hash never travels with it. */
public record User(long id, String username, Role role, boolean enabled, Instant createdAt) {
}
