package com.fleetprovisioner.core.provisioning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Devices whose billing started today, this month and on each of the last days, where "today" is the
 * calendar day in the reader's time zone (a day may be 23 or 25 hours long across a DST change).
 */
public record BillingSummary(ZoneId zone, LocalDate today, long startedToday, long startedThisMonth, List<Day> days) {

    public record Day(LocalDate date, long count) {
    }

    public BillingSummary {
        days = List.copyOf(days);
    }

    public static BillingSummary of(DeviceStatistics statistics, ZoneId zone, Instant now, int dayCount) {
        if (dayCount < 1) {
            throw new IllegalArgumentException("dayCount must be at least 1");
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate first = today.minusDays(dayCount - 1L);
        LocalDate monthStart = today.withDayOfMonth(1);
        // one call: the part of this month before the chart's first day (if any), then each day
        LocalDate from = monthStart.isBefore(first) ? monthStart : first;
        List<Instant> boundaries = new ArrayList<>();
        if (from.isBefore(first)) {
            boundaries.add(from.atStartOfDay(zone).toInstant());
        }
        for (LocalDate d = first; !d.isAfter(today.plusDays(1)); d = d.plusDays(1)) {
            boundaries.add(d.atStartOfDay(zone).toInstant());
        }
        List<Long> counts = statistics.billingStartedPerPeriod(boundaries);
        long month = from.isBefore(first) ? counts.get(0) : 0;
        List<Long> dayCounts = from.isBefore(first) ? counts.subList(1, counts.size()) : counts;
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < dayCounts.size(); i++) {
            LocalDate date = first.plusDays(i);
            days.add(new Day(date, dayCounts.get(i)));
            if (!date.isBefore(monthStart)) {
                month += dayCounts.get(i);
            }
        }
        return new BillingSummary(zone, today, dayCounts.get(dayCounts.size() - 1), month, days);
    }

    public long maxPerDay() {
        return days.stream().mapToLong(Day::count).max().orElse(0);
    }

    public long totalOverDays() {
        return days.stream().mapToLong(Day::count).sum();
    }
}
