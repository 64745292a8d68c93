package com.fleetprovisioner.web.render;

import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The reader's time zone, which "today" and dates on pages mean. A few lines of app.js store the
 * browser's zone (Intl.DateTimeFormat().resolvedOptions().timeZone) in the cookie {@value #COOKIE};
 * without it (first visit, no JavaScript, or a zone Java does not know) pages use UTC and say so.
 */
public record UserZone(ZoneId zone, boolean fromBrowser) {
    public static final String COOKIE = "fp_tz";
    public static final UserZone FALLBACK = new UserZone(ZoneOffset.UTC, false);

    public static UserZone of(Context ctx) {
        return parse(ctx.cookie(COOKIE)).map(z -> new UserZone(z, true)).orElse(FALLBACK);
    }

    static Optional<ZoneId> parse(String value) {
        if (value == null || value.isBlank() || value.length() > 64 || !value.matches("[A-Za-z0-9_+\\-/]+")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(value));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** An instant as pages show it in this zone (templates: {@code fragments/time :: zoned}). */
    public ShownTime at(java.time.Instant instant) {
        return ShownTime.of(instant, this);
    }

    /** The zone's id as people know it, e.g. Europe/Berlin or UTC. */
    public String id() {
        return zone.getId().equals("Z") ? "UTC" : zone.getId();
    }
}
