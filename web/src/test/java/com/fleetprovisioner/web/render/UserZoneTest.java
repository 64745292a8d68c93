package com.fleetprovisioner.web.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class UserZoneTest {

    @Test
    void acceptsZonesJavaKnowsAndNothingElse() {
        assertThat(UserZone.parse("Europe/Berlin")).contains(ZoneId.of("Europe/Berlin"));
        assertThat(UserZone.parse("America/Argentina/Buenos_Aires")).contains(ZoneId.of("America/Argentina/Buenos_Aires"));
        assertThat(UserZone.parse("UTC")).contains(ZoneId.of("UTC"));
        assertThat(UserZone.parse("Mars/Olympus_Mons")).isEmpty();
        assertThat(UserZone.parse("Europe/Berlin; drop")).isEmpty();
        assertThat(UserZone.parse("")).isEmpty();
        assertThat(UserZone.parse(null)).isEmpty();
        assertThat(UserZone.parse("A".repeat(65))).isEmpty();
        assertThat(UserZone.FALLBACK.id()).isEqualTo("UTC");
    }

    @Test
    void showsAnInstantInTheReadersZoneWithUtcForTheTitle() {
        ShownTime shown = ShownTime.of(Instant.parse("2026-10-31T23:30:00Z"), new UserZone(ZoneId.of("Europe/Berlin"), true));
        assertThat(shown).isEqualTo(new ShownTime("2026-10-31T23:30:00Z", "2026-11-01 00:30:00", "2026-10-31 23:30:00 UTC"));
    }
}
