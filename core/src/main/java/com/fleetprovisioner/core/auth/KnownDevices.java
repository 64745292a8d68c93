package com.fleetprovisioner.core.auth;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.common.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A browser where a user has signed in before: after a successful sign-in it gets a cookie sealed
 * with the server key (user name, issue time, a random id), which nobody can forge. Attempts that
 * bring a valid one for the account they name are throttled on that device alone, so failures made
 * elsewhere (an attacker's, from anywhere) can delay the account but never keep its owner out.
 */
public final class KnownDevices {
    public static final Duration LIFETIME = Duration.ofDays(180);
    private static final String KIND = "fp-device";

    private final Optional<SecretBox> box;
    private final Clock clock;

    public KnownDevices(SecretBox box, Clock clock) {
        this.box = Optional.of(box);
        this.clock = clock;
    }

    private KnownDevices(Clock clock) {
        this.box = Optional.empty();
        this.clock = clock;
    }

    /** No device is ever known: every attempt is throttled on its account and address. */
    public static KnownDevices none(Clock clock) {
        return new KnownDevices(clock);
    }

    /** The cookie value for a browser where {@code username} just signed in; empty when devices are off. */
    public Optional<String> issue(String username) {
        return box.map(b -> b.seal(KIND + "|" + username + "|" + clock.instant().getEpochSecond() + "|"
                + Secrets.randomToken(16)));
    }

    /** The throttle key of this device, when the cookie is ours, recent and for this user name. */
    public Optional<String> recognise(String cookie, String username) {
        if (box.isEmpty() || cookie == null || cookie.isEmpty() || cookie.length() > 500) {
            return Optional.empty();
        }
        String clear;
        try {
            clear = box.get().open(cookie);
        } catch (RuntimeException forgedOrOld) {
            return Optional.empty();
        }
        String[] parts = clear.split("\\|", -1);
        if (parts.length != 4 || !parts[0].equals(KIND) || !parts[1].equals(username)) {
            return Optional.empty();
        }
        try {
            Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            if (issued.plus(LIFETIME).isBefore(clock.instant())) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(LoginThrottle.DEVICE_PREFIX + parts[3]);
    }
}
