package com.fleetprovisioner.core.audit;

import java.util.Optional;

/**
 * Who did something and from where: a signed-in user, an API token's user, or the system itself.
 * {@code clientIp} is the address we acted on (behind a trusted proxy, the forwarded one);
 * {@code peerIp} is the socket's peer and {@code forwardedFor} the raw header, kept beside it so a
 * spoofed or proxied address can always be told from the real connection ("" when not known).
 */
public record Actor(Optional<Long> userId, String name, String clientIp, String peerIp, String forwardedFor) {

    public static Actor system() {
        return new Actor(Optional.empty(), "system", "", "", "");
    }

    public static Actor user(long userId, String username, String clientIp) {
        return new Actor(Optional.of(userId), username, clientIp, "", "");
    }

    public static Actor anonymous(String attemptedName, String clientIp) {
        return new Actor(Optional.empty(), attemptedName, clientIp, "", "");
    }

    /** This actor as seen on a connection from {@code peerIp} that carried {@code forwardedFor}. */
    public Actor seenFrom(String peerIp, String forwardedFor) {
        return new Actor(userId, name, clientIp, peerIp == null ? "" : peerIp, forwardedFor == null ? "" : forwardedFor);
    }
}
