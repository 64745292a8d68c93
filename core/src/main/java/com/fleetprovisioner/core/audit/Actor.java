package com.fleetprovisioner.core.audit;

import java.util.Optional;

/** Who did something and from where: a signed-in user, an API token's user, or the system itself. */
public record Actor(Optional<Long> userId, String name, String clientIp) {

    public static Actor system() {
        return new Actor(Optional.empty(), "system", "");
    }

    public static Actor user(long userId, String username, String clientIp) {
        return new Actor(Optional.of(userId), username, clientIp);
    }

    public static Actor anonymous(String attemptedName, String clientIp) {
        return new Actor(Optional.empty(), attemptedName, clientIp);
    }
}
