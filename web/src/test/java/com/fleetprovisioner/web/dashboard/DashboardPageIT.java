package com.fleetprovisioner.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.device.DashboardFixtures;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DashboardPageIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private WebTestServer server;
    private Instant now;
    private long batch;

    @BeforeEach
    void start() {
        server = WebTestServer.start(DatabaseKind.H2);
        now = server.clock().instant();
        var dsl = DatabaseFixture.dsl(server.database());
        long user = server.user(Role.OPERATOR).id();
        batch = DashboardFixtures.batch(dsl, user, "submitted", Optional.of("trucks.csv"), now.minus(Duration.ofDays(3)));
        DashboardFixtures.devices(dsl, batch, user, now.minus(Duration.ofDays(3)),
                List.of("356938035643809", "490154203237518", "352099001761481"));
        // the last minute of yesterday and the first second of today, in Berlin
        Instant berlinToday = now.atZone(BERLIN).toLocalDate().atStartOfDay(BERLIN).toInstant();
        DashboardFixtures.provisioned(dsl, "356938035643809", berlinToday.minusSeconds(60));
        DashboardFixtures.provisioned(dsl, "490154203237518", berlinToday.plusSeconds(1));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void todayIsTheReadersDayWhenTheBrowserToldItsZoneAndUtcOtherwise() {
        String berlin = server.client().withCookie("fp_tz", "Europe/Berlin").signedIn("viewer", WebTestServer.PASSWORD)
                .get("/").body();
        assertThat(berlin).contains("Times and days are in your time zone, Europe/Berlin.")
                .contains("data-testid=\"billing-today\">1<").contains("data-zone=\"Europe/Berlin\"");

        long utcToday = countOn(now.atZone(ZoneOffset.UTC).toLocalDate(), ZoneOffset.UTC);
        assertThat(utcToday).as("the two zones disagree about these two devices").isNotEqualTo(1);
        String utc = server.client().signedIn("viewer", WebTestServer.PASSWORD).get("/").body();
        assertThat(utc).contains("Times and days are in UTC: your browser has not told us its time zone")
                .contains("data-testid=\"billing-today\">" + utcToday + "<");

        String unknown = server.client().withCookie("fp_tz", "Mars/Olympus_Mons").signedIn("viewer", WebTestServer.PASSWORD)
                .get("/").body();
        assertThat(unknown).as("an unknown zone falls back to UTC").contains("data-testid=\"billing-today\">" + utcToday + "<");
    }

    @Test
    void showsTheChartAsSvgAndTableTheRecentBatchesAndThePipeline() {
        TestClient viewer = server.client().withCookie("fp_tz", "Europe/Berlin").signedIn("viewer", WebTestServer.PASSWORD);
        String page = viewer.get("/").body();
        assertThat(count(page, "<rect class=\"bar\"")).isEqualTo(14);
        assertThat(page).contains("<svg role=\"img\" aria-labelledby=\"chart-title chart-desc\"")
                .contains("<title id=\"chart-title\">Devices provisioned per day, last 14 days</title>")
                .contains("2 devices over the last 14 days")
                .contains("data-day=\"" + now.atZone(BERLIN).toLocalDate() + "\" data-count=\"1\"")
                .contains("<caption>Devices provisioned per day, last 14 days</caption>");
        assertThat(page).contains("href=\"/batches/" + batch + "\"").contains("trucks.csv")
                .contains("class=\"split-bar-text\"").containsPattern("of 3\\)</span>").contains("66 % (2 of 3 finished)");
        assertThat(page).contains("data-testid=\"pipeline-state\">Running<")
                .contains("data-testid=\"target\">Simulator (nothing is billed)<");

        Instant until = now.plus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        server.services().pipeline().throttleUntil(until, now);
        String throttled = viewer.get("/").body();
        assertThat(throttled).contains("data-testid=\"pipeline-state\">Throttled by Fleet Freedom<").contains("Held until")
                .contains("datetime=\"" + until + "\"");
        String berlin = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").format(until.atZone(BERLIN));
        assertThat(count(throttled, "Fleet Freedom asked us to slow down: sending resumes at " + berlin + "."))
                .as("the dashboard and the banner, in the reader's zone").isEqualTo(2);
        assertThat(count(viewer.getWithLanguage("/", "fr-CA").body(),
                "Fleet Freedom nous a demandé de ralentir : les envois reprennent le " + berlin + ".")).isEqualTo(2);
        server.services().pipeline().stop(4, "The Fleet Freedom account is locked.", now);
        assertThat(viewer.get("/").body()).contains("data-testid=\"pipeline-state\">Stopped<")
                .contains("Sending is stopped: The Fleet Freedom account is locked. Resume once it is fixed.");
        assertThat(viewer.getWithLanguage("/", "fr-CA").body()).as("Fleet Freedom's reason is quoted, not translated")
                .contains("Les envois sont arrêtés : The Fleet Freedom account is locked. Reprenez-les une fois le problème réglé.");
    }

    @Test
    void numbersFollowTheBrowsersLanguage() {
        var dsl = DatabaseFixture.dsl(server.database());
        long user = server.user(Role.OPERATOR).id();
        List<String> many = java.util.stream.IntStream.range(0, 1_234).mapToObj(i -> String.format("9%014d", i)).toList();
        DashboardFixtures.devices(dsl, batch, user, now, many);
        TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
        assertThat(viewer.get("/").body()).contains("data-state-count=\"queued\">1,235<");
        assertThat(viewer.getWithLanguage("/", "de-DE,de;q=0.9").body()).contains("data-state-count=\"queued\">1.235<");
    }

    private long countOn(LocalDate day, ZoneId zone) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        Instant berlinToday = now.atZone(BERLIN).toLocalDate().atStartOfDay(BERLIN).toInstant();
        return List.of(berlinToday.minusSeconds(60), berlinToday.plusSeconds(1)).stream()
                .filter(t -> !t.isBefore(from) && t.isBefore(to)).count();
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
