package com.fleetprovisioner.core.billing;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A billing month: a calendar month in UTC, [first day 00:00 UTC, next month's first day 00:00 UTC), read
 * against the billing start on Fleet Freedom's clock. UTC so that a month means the same devices to every
 * reader, on the page, in the exports and in the API (Fleet Freedom bills by day).
 */
public record BillingMonth(YearMonth month) {
    public static final int FIRST_YEAR = 1970;
    public static final int LAST_YEAR = 9999;
    /** Exactly {@code yyyy-MM}: ASCII digits (Java's \d is ASCII unless asked otherwise), nothing around them. */
    private static final Pattern FORM = Pattern.compile("(\\d{4})-(\\d{2})");

    public BillingMonth {
        if (month.getYear() < FIRST_YEAR || month.getYear() > LAST_YEAR) {
            throw new IllegalArgumentException("year out of range: " + month.getYear());
        }
    }

    /** {@code 2026-11}; empty for anything else (a month 13, a five-digit year, "2026-1", control characters). */
    public static Optional<BillingMonth> parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        if (month < 1 || month > 12 || year < FIRST_YEAR) {
            return Optional.empty();
        }
        return Optional.of(new BillingMonth(YearMonth.of(year, month)));
    }

    /** The month {@code now} falls in, in UTC. */
    public static BillingMonth of(Instant now) {
        return new BillingMonth(YearMonth.from(now.atZone(ZoneOffset.UTC)));
    }

    public Instant start() {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Exclusive: the next month's start. */
    public Instant end() {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Optional<BillingMonth> previous() {
        return within(month.minusMonths(1));
    }

    public Optional<BillingMonth> next() {
        return within(month.plusMonths(1));
    }

    private static Optional<BillingMonth> within(YearMonth month) {
        return month.getYear() < FIRST_YEAR || month.getYear() > LAST_YEAR ? Optional.empty()
                : Optional.of(new BillingMonth(month));
    }

    /** {@code 2026-11}, as links and the month picker carry it. */
    public String id() {
        return month.toString();
    }
}
