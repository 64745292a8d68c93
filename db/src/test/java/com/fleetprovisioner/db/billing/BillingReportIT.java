package com.fleetprovisioner.db.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.billing.BillingMonth;
import com.fleetprovisioner.core.billing.BillingRow;
import com.fleetprovisioner.core.billing.BillingTotals;
import com.fleetprovisioner.core.history.DeviceRecord;
import com.fleetprovisioner.core.history.HistoryCursor;
import com.fleetprovisioner.core.history.HistoryQuery;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.JooqDeviceRepository;
import com.fleetprovisioner.db.history.JooqDeviceHistory;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The billing report over devices provisioned through the pipeline's repositories across three months,
 * two companies, two kinds and two submitters, beside devices that never started billing.
 */
class BillingReportIT {
    private static final BillingMonth OCTOBER = new BillingMonth(YearMonth.of(2026, 10));
    private static final BillingMonth NOVEMBER = new BillingMonth(YearMonth.of(2026, 11));
    private static final BillingMonth DECEMBER = new BillingMonth(YearMonth.of(2026, 12));
    private static final Instant LAST_MOMENT_OF_OCTOBER = Instant.parse("2026-10-31T23:59:59.999Z");
    private static final Instant FIRST_MOMENT_OF_NOVEMBER = Instant.parse("2026-11-01T00:00:00Z");
    private static final List<Long> COMPANIES = List.of(42L, 43L);

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void totalsPerMonthCompanyAndKindEqualTheHistorysProvisionedCounts(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            seed(db);
            JooqBillingReport report = new JooqBillingReport(DatabaseFixture.dsl(db));
            JooqDeviceHistory history = new JooqDeviceHistory(DatabaseFixture.dsl(db));
            long counted = 0;
            for (BillingMonth month : List.of(OCTOBER, NOVEMBER, DECEMBER)) {
                BillingTotals totals = report.totals(month);
                for (long company : COMPANIES) {
                    long provisioned = provisioned(history, month, Optional.of(company), Optional.empty());
                    assertThat(totals.perCompany().getOrDefault(company, 0L)).as(month.id() + " company " + company)
                            .isEqualTo(provisioned).isPositive();
                }
                for (String k : List.of("calamp", "teltonika")) {
                    assertThat(totals.perKind().getOrDefault(k, 0L)).as(month.id() + " " + k)
                            .isEqualTo(provisioned(history, month, Optional.empty(), Optional.of(k))).isPositive();
                }
                assertThat(totals.devices()).isEqualTo(provisioned(history, month, Optional.empty(), Optional.empty()));
                counted += totals.devices();
            }
            assertThat(counted).as("every provisioned device in exactly one month; failed, cancelled, queued in none")
                    .isEqualTo(60 + 2).isEqualTo(history.search(provisionedIn(Optional.empty(), Optional.empty(),
                            Optional.empty(), 1000)).size());
            assertThat(report.totals(new BillingMonth(YearMonth.of(2027, 1))).groups()).isEmpty();
            assertThat(report.totals(new BillingMonth(YearMonth.of(2026, 9))).devices()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aMonthRunsFromItsFirstMomentInUtcToTheLastMillisecondOfItsLastDay(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            seed(db);
            JooqBillingReport report = new JooqBillingReport(DatabaseFixture.dsl(db));
            List<BillingRow> october = all(report, OCTOBER, Optional.empty());
            List<BillingRow> november = all(report, NOVEMBER, Optional.empty());
            assertThat(october.get(october.size() - 1).providerId()).isEqualTo("boundary-last-of-october");
            assertThat(october.get(october.size() - 1).billingStartedAt()).isEqualTo(LAST_MOMENT_OF_OCTOBER);
            assertThat(november.get(0).providerId()).isEqualTo("boundary-first-of-november");
            assertThat(november).extracting(BillingRow::providerId).doesNotContain("boundary-last-of-october");
            assertThat(october).extracting(BillingRow::providerId).doesNotContain("boundary-first-of-november");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void pagesWalkEveryRowOnceInBillingOrderAndTheStreamGivesTheSameRows(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            seed(db);
            JooqBillingReport report = new JooqBillingReport(DatabaseFixture.dsl(db));
            for (Optional<Long> company : List.of(Optional.<Long>empty(), Optional.of(42L), Optional.of(43L))) {
                List<BillingRow> paged = new ArrayList<>();
                Optional<HistoryCursor> after = Optional.empty();
                List<BillingRow> page;
                do {
                    page = report.rows(NOVEMBER, company, after, 3);
                    paged.addAll(page);
                    after = page.isEmpty() ? after
                            : Optional.of(new HistoryCursor(page.get(page.size() - 1).billingStartedAt(), page.get(page.size() - 1).deviceId()));
                } while (page.size() == 3);
                List<BillingRow> streamed = new ArrayList<>();
                report.forEach(NOVEMBER, company, streamed::add);
                assertThat(paged).as("company " + company).isEqualTo(streamed)
                        .isSortedAccordingTo(Comparator.comparing(BillingRow::billingStartedAt).thenComparing(BillingRow::deviceId))
                        .hasSize((int) report.totals(NOVEMBER).perCompany().entrySet().stream()
                                .filter(e -> company.map(c -> c.equals(e.getKey())).orElse(true))
                                .mapToLong(Map.Entry::getValue).sum());
                assertThat(paged).allSatisfy(r -> assertThat(company.orElse(r.companyId())).isEqualTo(r.companyId()));
            }
            BillingRow first = report.rows(NOVEMBER, Optional.of(42L), Optional.empty(), 1).get(0);
            assertThat(first.submittedBy()).isIn("op", "other");
            assertThat(first.batchId()).isPositive();
        }
    }

    /** Devices sharing one billing start (to the microsecond) are paged once each, tie or not. */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void devicesSharingOneBillingStartArePagedOnceEach(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", Instant.EPOCH).id();
            BillingSeeds seeds = new BillingSeeds(DatabaseFixture.dsl(db));
            Instant submitted = Instant.parse("2026-11-10T08:00:00Z");
            long batch = seeds.batch(user, submitted);
            Instant tie = Instant.parse("2026-11-10T09:00:00.123456Z");
            for (int i = 0; i < 7; i++) {
                seeds.provisioned(seeds.queued(batch, user, "tie-" + i, "calamp", 42, submitted), tie);
            }
            JooqBillingReport report = new JooqBillingReport(DatabaseFixture.dsl(db));
            List<BillingRow> paged = new ArrayList<>();
            Optional<HistoryCursor> after = Optional.empty();
            for (List<BillingRow> page = report.rows(NOVEMBER, Optional.of(42L), after, 2); !page.isEmpty();
                    page = report.rows(NOVEMBER, Optional.of(42L), after, 2)) {
                paged.addAll(page);
                BillingRow last = page.get(page.size() - 1);
                after = Optional.of(new HistoryCursor(last.billingStartedAt(), last.deviceId()));
            }
            assertThat(paged).extracting(BillingRow::providerId)
                    .containsExactly("tie-0", "tie-1", "tie-2", "tie-3", "tie-4", "tie-5", "tie-6");
        }
    }

    private static List<BillingRow> all(JooqBillingReport report, BillingMonth month, Optional<Long> company) {
        List<BillingRow> rows = new ArrayList<>();
        report.forEach(month, company, rows::add);
        return rows;
    }

    /** The history's count of provisioned devices whose billing started in the month, walked page by page. */
    private static long provisioned(JooqDeviceHistory history, BillingMonth month, Optional<Long> company,
            Optional<String> kind) {
        HistoryQuery query = provisionedIn(company, kind, Optional.of(month), 7);
        long count = 0;
        List<DeviceRecord> page = history.search(query);
        while (!page.isEmpty()) {
            count += page.size();
            DeviceRecord last = page.get(page.size() - 1);
            page = history.search(query.after(new HistoryCursor(last.submittedAt(), last.id())));
        }
        return count;
    }

    private static HistoryQuery provisionedIn(Optional<Long> company, Optional<String> kind, Optional<BillingMonth> month,
            int limit) {
        return new HistoryQuery(Optional.of(DeviceState.PROVISIONED), Optional.empty(), kind, company, Optional.empty(),
                HistoryQuery.DateField.BILLING, month.map(BillingMonth::start), month.map(BillingMonth::end),
                Optional.empty(), HistoryQuery.Order.NEWEST_SUBMITTED, Optional.empty(), limit);
    }

    /**
     * 20 provisioned devices a month (October, November, December) spread over the month, company and
     * kind alternating, from two submitters; one at the last millisecond of October and one at the first
     * instant of November; and in November one failed, one cancelled and one still queued per company.
     */
    static void seed(Database db) {
        JooqUserRepository users = new JooqUserRepository(DatabaseFixture.dsl(db));
        List<Long> submitters = List.of(users.create("op", Role.OPERATOR, "x", Instant.EPOCH).id(),
                users.create("other", Role.OPERATOR, "x", Instant.EPOCH).id());
        BillingSeeds seeds = new BillingSeeds(DatabaseFixture.dsl(db));
        int n = 0;
        for (BillingMonth month : List.of(OCTOBER, NOVEMBER, DECEMBER)) {
            Instant submitted = month.start().minus(Duration.ofDays(2));
            for (long user : submitters) {
                long batch = seeds.batch(user, submitted);
                for (int i = 0; i < 10; i++, n++) {
                    long device = seeds.queued(batch, user, String.format("86%013d", n), i % 3 == 0 ? "teltonika" : "calamp",
                            COMPANIES.get((i + (int) user) % 2), submitted);
                    seeds.provisioned(device, month.start().plus(Duration.ofHours(1 + 70L * i + user)));
                }
            }
        }
        long user = submitters.get(0);
        Instant submitted = Instant.parse("2026-10-30T12:00:00Z");
        long boundaries = seeds.batch(user, submitted);
        seeds.provisioned(seeds.queued(boundaries, user, "boundary-last-of-october", "calamp", 42, submitted),
                LAST_MOMENT_OF_OCTOBER);
        seeds.provisioned(seeds.queued(boundaries, user, "boundary-first-of-november", "calamp", 42, submitted),
                FIRST_MOMENT_OF_NOVEMBER);
        Instant november = NOVEMBER.start().plus(Duration.ofDays(3));
        for (long company : COMPANIES) {
            long batch = seeds.batch(user, november);
            seeds.failed(seeds.queued(batch, user, "failed-" + company, "calamp", company, november), november.plusSeconds(5));
            seeds.queued(batch, user, "queued-" + company, "calamp", company, november);
            long cancelled = seeds.batch(user, november);
            seeds.queued(cancelled, user, "cancelled-" + company, "calamp", company, november);
            new JooqDeviceRepository(DatabaseFixture.dsl(db)).cancelBatch(cancelled, november.plusSeconds(10));
        }
    }
}
