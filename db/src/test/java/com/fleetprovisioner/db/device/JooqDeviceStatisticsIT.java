package com.fleetprovisioner.db.device;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.provisioning.BillingSummary;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Billing today, this month and per day, in the reader's zone, across a daylight-saving change. */
class JooqDeviceStatisticsIT {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 00:30 on 1 November in Berlin, still 31 October in UTC. */
    private static final Instant NOW = Instant.parse("2026-10-31T23:30:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void countsBillingByCalendarDayOfTheReadersZone(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            var dsl = DatabaseFixture.dsl(db);
            long user = new JooqUserRepository(dsl).create("op", Role.OPERATOR, "x", NOW).id();
            long batch = DashboardFixtures.batch(dsl, user, "submitted", Optional.of("a.csv"), NOW.minusSeconds(86_400 * 20));
            DashboardFixtures.devices(dsl, batch, user, NOW.minusSeconds(86_400 * 20),
                    List.of("A00000000000001", "B00000000000001", "C00000000000001", "D00000000000001",
                            "E00000000000001", "F00000000000001"));
            DashboardFixtures.provisioned(dsl, "A00000000000001", Instant.parse("2026-10-31T23:10:00Z")); // 1 Nov 00:10 Berlin
            DashboardFixtures.provisioned(dsl, "B00000000000001", Instant.parse("2026-10-31T22:50:00Z")); // 31 Oct 23:50
            DashboardFixtures.provisioned(dsl, "C00000000000001", Instant.parse("2026-10-24T22:30:00Z")); // 25 Oct 00:30 CEST
            DashboardFixtures.provisioned(dsl, "D00000000000001", Instant.parse("2026-10-25T22:30:00Z")); // 25 Oct 23:30 CET
            DashboardFixtures.provisioned(dsl, "E00000000000001", Instant.parse("2026-10-25T23:00:00Z")); // 26 Oct 00:00 CET
            DashboardFixtures.provisioned(dsl, "F00000000000001", Instant.parse("2026-10-01T12:00:00Z")); // before both charts
            JooqDeviceStatistics statistics = new JooqDeviceStatistics(dsl);

            BillingSummary berlin = BillingSummary.of(statistics, BERLIN, NOW, 14);
            assertThat(berlin.today()).isEqualTo(LocalDate.of(2026, 11, 1));
            assertThat(berlin.startedToday()).isEqualTo(1);
            assertThat(berlin.startedThisMonth()).as("November has begun in Berlin").isEqualTo(1);
            assertThat(berlin.days()).hasSize(14);
            assertThat(berlin.days().get(0).date()).isEqualTo(LocalDate.of(2026, 10, 19));
            assertThat(berlin.days()).filteredOn(d -> d.count() > 0)
                    .containsExactly(new BillingSummary.Day(LocalDate.of(2026, 10, 25), 2),
                            new BillingSummary.Day(LocalDate.of(2026, 10, 26), 1),
                            new BillingSummary.Day(LocalDate.of(2026, 10, 31), 1),
                            new BillingSummary.Day(LocalDate.of(2026, 11, 1), 1));
            assertThat(berlin.totalOverDays()).isEqualTo(5);

            BillingSummary utc = BillingSummary.of(statistics, ZoneOffset.UTC, NOW, 30);
            assertThat(utc.today()).isEqualTo(LocalDate.of(2026, 10, 31));
            assertThat(utc.startedToday()).isEqualTo(2);
            assertThat(utc.startedThisMonth()).as("1 October is this month but before the chart's first day").isEqualTo(6);
            assertThat(utc.totalOverDays()).isEqualTo(5);
            assertThat(utc.maxPerDay()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void periodsWithoutDevicesCountZero(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            JooqDeviceStatistics statistics = new JooqDeviceStatistics(DatabaseFixture.dsl(db));
            assertThat(statistics.billingStartedPerPeriod(List.of(NOW, NOW.plusSeconds(60), NOW.plusSeconds(120))))
                    .containsExactly(0L, 0L);
            assertThat(statistics.billingStartedPerPeriod(List.of(NOW))).isEmpty();
        }
    }
}
