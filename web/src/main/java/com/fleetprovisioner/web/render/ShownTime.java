package com.fleetprovisioner.web.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * An instant as a page shows it: in the reader's zone, with UTC for the title (shown on hover) and
 * ISO for {@code <time datetime>}.
 */
public record ShownTime(String iso, String local, String utc) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static ShownTime of(Instant at, UserZone zone) {
        return new ShownTime(at.toString(), SHOWN.format(at.atZone(zone.zone())),
                SHOWN.format(at.atZone(ZoneOffset.UTC)) + " UTC");
    }
}
