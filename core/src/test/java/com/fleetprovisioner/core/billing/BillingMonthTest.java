package com.fleetprovisioner.core.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.YearMonth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BillingMonthTest {
    @Test
    void aMonthIsItsUtcCalendarMonth() {
        BillingMonth november = BillingMonth.parse("2026-11").orElseThrow();
        assertThat(november.start()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(november.end()).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(november.previous().orElseThrow().id()).isEqualTo("2026-10");
        assertThat(november.next().orElseThrow().id()).isEqualTo("2026-12");
        assertThat(BillingMonth.parse("2026-12").orElseThrow().next().orElseThrow().id()).isEqualTo("2027-01");
        assertThat(BillingMonth.of(Instant.parse("2026-11-30T23:59:59.999Z")).id()).isEqualTo("2026-11");
        assertThat(BillingMonth.of(Instant.parse("2026-12-01T00:00:00Z")).id()).isEqualTo("2026-12");
    }

    @Test
    void theFirstAndLastMonthsHaveNoNeighbourBeyondThem() {
        assertThat(new BillingMonth(YearMonth.of(BillingMonth.FIRST_YEAR, 1)).previous()).isEmpty();
        assertThat(new BillingMonth(YearMonth.of(BillingMonth.LAST_YEAR, 12)).next()).isEmpty();
        assertThat(BillingMonth.parse("9999-12")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "2026-13", "2026-00", "99999-01", "2026-1", "26-11", "2026/11", "2026-11-01",
            " 2026-11", "2026-11\n", "2026-1\u0000", "\u0007", "1969-12", "0000-01", "２０２６-１１", "-2026-11",
            "2026-11x", "999999999999999999999-01"})
    void anythingButAMonthLike2026Dash11IsRefused(String text) {
        assertThat(BillingMonth.parse(text)).isEmpty();
    }

    @Test
    void nullIsRefused() {
        assertThat(BillingMonth.parse(null)).isEmpty();
    }
}
