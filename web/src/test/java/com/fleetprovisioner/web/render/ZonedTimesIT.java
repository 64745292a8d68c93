package com.fleetprovisioner.web.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.settings.SettingKey;
import com.fleetprovisioner.core.settings.SettingsForm;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tokens, notifications and settings pages show their times as every other page does (ShownTime): in the
 * reader's zone, with UTC on hover and the instant in {@code datetime}; no time formatted by hand.
 */
class ZonedTimesIT {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final Pattern TIME = Pattern.compile(
            "<time data-zoned datetime=\"([^\"]+)\" title=\"([^\"]+)\">([^<]+)</time>");

    /** Every time on the page, checked against its instant; how many there were. */
    private static int checkTimes(String page, ZoneId zone) {
        Matcher m = TIME.matcher(page);
        int found = 0;
        while (m.find()) {
            Instant at = Instant.parse(m.group(1));
            assertThat(m.group(3)).isEqualTo(SHOWN.format(at.atZone(zone)));
            assertThat(m.group(2)).isEqualTo(SHOWN.format(at.atZone(ZoneOffset.UTC)) + " UTC");
            found++;
        }
        assertThat(page).contains("data-zone=\"" + zone.getId() + "\"").doesNotContain(" UTC</td>");
        return found;
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void tokensNotificationsAndSettingsShowTimesInTheReadersZoneWithUtcOnHover(DatabaseKind kind) {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient admin = server.client().signedIn("admin", WebTestServer.PASSWORD)
                    .withCookie(UserZone.COOKIE, tokyo.getId());
            assertThat(admin.postFormWithCsrf("/tokens", Map.of("name", "ci", "expiresInDays", "30")).statusCode())
                    .isEqualTo(201);
            assertThat(checkTimes(admin.get("/tokens").body(), tokyo)).as("created, last used, expires").isEqualTo(2);

            assertThat(admin.postFormWithCsrf("/admin/notifications/webhooks",
                    Map.of("name", "ops", "url", "https://hooks.example.com/fleet")).statusCode()).isEqualTo(201);
            assertThat(checkTimes(admin.get("/admin/notifications").body(), tokyo)).isEqualTo(1);

            server.services().settings().save(Actor.system(),
                    new SettingsForm(Map.of(SettingKey.SEND_RATE, "7"), Set.of(), false));
            assertThat(checkTimes(admin.get("/settings").body(), tokyo)).isEqualTo(1);
        }
    }
}
