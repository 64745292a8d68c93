package com.fleetprovisioner.web.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.pacing.AdaptiveRate;
import com.fleetprovisioner.core.pacing.RateState;
import com.fleetprovisioner.core.pacing.SendBudgetStore;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.pacing.JooqSendBudgetStore;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's send-rate block and its gauges: the rate all workers share and why. */
class SendRateDashboardIT {

    @Test
    void byDefaultTheRateIsLearningThenShowsTheThrottleItBackedOffFrom() {
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2)) {
            String page = server.client().signedIn("viewer", WebTestServer.PASSWORD).get("/").body();
            assertThat(page).contains("data-testid=\"send-rate\" data-phase=\"LEARNING\"")
                    .contains("20 commands/s, all workers together")
                    .contains("learning: rising while Fleet Freedom answers cleanly");
            assertThat(server.client().get("/metrics").body()).contains("fleet_send_rate_per_second 20.0")
                    .contains("fleet_send_rate_phase{phase=\"learning\"} 1.0")
                    .contains("fleet_send_rate_phase{phase=\"backed_off\"} 0.0");

            RateState throttled = new JooqSendBudgetStore(DatabaseFixture.dsl(server.database())).update((s, now) -> {
                RateState next = AdaptiveRate.throttled(s, now, Duration.ofSeconds(1));
                return new SendBudgetStore.Change<>(next, next);
            });
            page = server.client().signedIn("viewer", WebTestServer.PASSWORD).get("/").body();
            assertThat(page).contains("data-phase=\"BACKED_OFF\"").contains("10 commands/s, all workers together")
                    .contains("backed off after throttling (at 20/s) at")
                    .contains("datetime=\"" + throttled.throttledAt().orElseThrow() + "\"");
        }
    }

    @Test
    void aRateFixedInTheSettingsIsShownAsFixed() {
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2, Map.of("FP_SEND_RATE", "60"))) {
            String page = server.client().signedIn("viewer", WebTestServer.PASSWORD).get("/").body();
            assertThat(page).contains("data-phase=\"FIXED\"").contains("60 commands/s, all workers together")
                    .contains("fixed by admin since");
            assertThat(server.client().get("/metrics").body()).contains("fleet_send_rate_per_second 60.0")
                    .contains("fleet_send_rate_phase{phase=\"fixed\"} 1.0");
        }
    }
}
