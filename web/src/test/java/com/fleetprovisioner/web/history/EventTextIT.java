package com.fleetprovisioner.web.history;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.testing.DeviceSeeds;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Device events are stored as a key with arguments and shown in the reader's language and zone on the device
 * page; the API gives the English text beside the key and arguments; Fleet Freedom's own words (here hostile
 * ones) are shown exactly as they came, never translated; a row written before keys shows its old message.
 */
class EventTextIT {
    private static final String DEVICE = "356938035649990";
    private static final Instant NEXT = Instant.parse("2026-11-27T10:15:30Z");
    private static final String SHOWN = "company \"7\" <b>does not</b> exist \\ {0} ''x''";
    /** Fleet Freedom's words with a control character (the page's text drops it, the API keeps it). */
    private static final String SERVER_SAYS = SHOWN + " \u0007";
    private static final String HUGE = "z".repeat(200_000);

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void eventsShowInTheReadersLanguageAndZoneAndTheApiGivesKeyArgumentsAndEnglish(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            long deviceId = seed(server);
            TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD)
                    .withCookie(UserZone.COOKIE, "Asia/Tokyo");

            List<String> english = timeline(viewer.getWithLanguage("/history/" + DEVICE, "en-CA").body());
            assertThat(english).containsExactly("Submitted and queued", "Attempt 1 by w1",
                    "mergeProvider answered: " + SHOWN, "Next attempt at 2026-11-27 19:15:30",
                    "Refused: " + "z".repeat(Text.MAX_ARG - 1) + "…", "An old English sentence",
                    "event.text.fromANewerVersion[1]");

            List<String> french = timeline(viewer.getWithLanguage("/history/" + DEVICE, "fr-CA,fr;q=0.9").body());
            assertThat(french).containsExactly("Soumis et mis en file d'attente", "Tentative 1 par w1",
                    "Réponse à mergeProvider : " + SHOWN, "Prochaine tentative le 2026-11-27 19:15:30",
                    "Refusé : " + "z".repeat(Text.MAX_ARG - 1) + "…", "An old English sentence",
                    "event.text.fromANewerVersion[1]");

            String token = server.apiToken("viewer");
            JsonNode events = new ObjectMapper().readTree(server.client().send("GET", "/api/v1/devices/" + DEVICE,
                    Optional.of(token), Optional.empty()).body()).get("events");
            assertThat(events).hasSize(7);
            assertThat(events.get(2).get("messageKey").asText()).isEqualTo("event.text.answer");
            assertThat(events.get(2).get("messageArgs").get(1).asText()).as("exactly as Fleet Freedom said it")
                    .isEqualTo(SERVER_SAYS);
            assertThat(events.get(3).get("message").asText()).isEqualTo("Next attempt at 2026-11-27 10:15:30 UTC");
            assertThat(events.get(3).get("messageArgs").get(0).asText()).isEqualTo(NEXT.toString());
            assertThat(events.get(5).get("messageKey").isNull()).isTrue();
            assertThat(events.get(5).get("messageArgs").isNull()).isTrue();
            assertThat(events.get(5).get("message").asText()).isEqualTo("An old English sentence");
            assertThat(deviceId).isPositive();
        }
    }

    private static List<String> timeline(String page) {
        return Jsoup.parse(page).select("table.timeline td.event-text").eachText();
    }

    private static long seeded(WebTestServer server, String providerId) {
        DeviceSeeds.queued(server, Map.of(providerId, 42));
        return server.services().devices().findByProviderId(providerId).orElseThrow().id();
    }

    private static long seed(WebTestServer server) {
        var dsl = DatabaseFixture.dsl(server.database());
        long user = server.user(Role.OPERATOR).id();
        Instant now = server.clock().instant();
        long id = seeded(server, DEVICE);
        List<DeviceEvent> events = new ArrayList<>();
        events.add(DeviceEvent.byWorker(id, now, DeviceEvent.Type.LEASE_TAKEN, 1, null,
                Text.of("event.text.leased", 1, "w1"), "w1"));
        events.add(DeviceEvent.byWorker(id, now, DeviceEvent.Type.RESPONSE, 1, 4,
                Text.of("event.text.answer", "mergeProvider", SERVER_SAYS), "w1"));
        events.add(DeviceEvent.byWorker(id, now, DeviceEvent.Type.RETRY_SCHEDULED, 1, 4, Text.of("event.text.retry", NEXT),
                "w1"));
        events.add(DeviceEvent.byWorker(id, now, DeviceEvent.Type.FAILED, 2, 4, Text.of("event.text.refused", HUGE), "w1"));
        server.services().devices().append(events);
        dsl.insertInto(DEVICE_EVENT, DEVICE_EVENT.DEVICE_ID, DEVICE_EVENT.AT, DEVICE_EVENT.TYPE, DEVICE_EVENT.MESSAGE)
                .values(id, now, DeviceEvent.Type.REQUEUED.id(), "An old English sentence").execute();
        server.services().devices().append(DeviceEvent.byUser(id, now, DeviceEvent.Type.REQUEUED, Optional.of(user),
                Text.of("event.text.fromANewerVersion", 1)));
        return id;
    }
}
