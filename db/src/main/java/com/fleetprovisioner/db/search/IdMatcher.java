package com.fleetprovisioner.db.search;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.search.DeviceSearch;
import com.fleetprovisioner.core.search.IdMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * "The provider id matches this fragment", per database. PostgreSQL: contains, from its trigram index
 * (V17). H2 has no such index and LIKE '%…%' reads every row (seconds at 1,000,000 devices), so:
 * <ul>
 * <li>a fragment that starts some id (one probe of the unique index) means "starts with": an index
 * range, as fast as an exact id;</li>
 * <li>any other fragment is looked for anywhere, by a scan of the primary key from the newest device
 * back in slices of {@code slice} ids, which stops when the {@code budget} has passed or
 * {@link #MAX_MATCHES} ids match; the filter is then "one of the ids found", and {@link IdMatch} says
 * how much was searched.</li>
 * </ul>
 * H2's answers are kept {@link #REMEMBERED} so that the page, its notice and its next pages do not scan again.
 */
public final class IdMatcher {
    /** How long an H2 scan for a fragment may run before it stops with the newest part searched. */
    public static final Duration SCAN_BUDGET = Duration.ofSeconds(2);
    /** The most ids an H2 scan keeps (the newest); a fragment matching more is cut short like a slow one. */
    public static final int MAX_MATCHES = 5_000;
    static final int SLICE = 50_000;
    private static final long REMEMBERED = Duration.ofSeconds(10).toNanos();
    private static final int REMEMBERED_FRAGMENTS = 64;

    /** The filter's condition and how it matched. */
    record Resolved(Condition condition, IdMatch match) {
    }

    private record Remembered(long at, Resolved resolved) {
    }

    private final DSLContext dsl;
    private final Duration budget;
    private final int slice;
    private final Map<String, Remembered> recent = new ConcurrentHashMap<>();

    public IdMatcher(DSLContext dsl) {
        this(dsl, SCAN_BUDGET, SLICE);
    }

    /** {@code budget} zero: an H2 scan stops after its first slice (tests). */
    public IdMatcher(DSLContext dsl, Duration budget, int slice) {
        this.dsl = dsl;
        this.budget = budget;
        this.slice = slice;
    }

    public Condition condition(String fragment) {
        return resolve(fragment).condition();
    }

    public IdMatch howMatched(String fragment) {
        return resolve(fragment).match();
    }

    /** Whether the condition is an H2 "starts with" range (of ix_device_provider_submitted and the unique index). */
    public boolean isPrefixRange(String fragment) {
        return h2() && resolve(fragment).match().scope() == IdMatch.Scope.START;
    }

    Resolved resolve(String fragment) {
        if (fragment.indexOf('\u0000') >= 0) {
            // in no id (PostgreSQL's text cannot hold it, and refuses a statement that does)
            return new Resolved(DSL.falseCondition(), IdMatch.anywhere());
        }
        if (!h2()) {
            return new Resolved(IdFragment.contains(fragment), IdMatch.anywhere());
        }
        if (fragment.isEmpty() || fragment.length() > DeviceSearch.MAX_FRAGMENT) {
            // longer than any id: nothing to scan for
            return new Resolved(fragment.isEmpty() ? DSL.noCondition() : DSL.falseCondition(), IdMatch.anywhere());
        }
        long now = System.nanoTime();
        Remembered known = recent.get(fragment);
        if (known != null && now - known.at() < REMEMBERED) {
            return known.resolved();
        }
        Resolved resolved = h2Resolve(fragment);
        if (recent.size() >= REMEMBERED_FRAGMENTS) {
            recent.values().removeIf(r -> now - r.at() >= REMEMBERED);
            if (recent.size() >= REMEMBERED_FRAGMENTS) {
                recent.clear();
            }
        }
        recent.put(fragment, new Remembered(now, resolved));
        return resolved;
    }

    private Resolved h2Resolve(String fragment) {
        Condition startsWith = IdFragment.startsWith(fragment);
        if (dsl.fetchExists(DEVICE, startsWith)) {
            return new Resolved(startsWith, new IdMatch(IdMatch.Scope.START, true, 0));
        }
        Record2<Long, Long> range = dsl.select(DSL.min(DEVICE.ID), DSL.max(DEVICE.ID)).from(DEVICE).fetchOne();
        if (range == null || range.value1() == null) {
            return new Resolved(DSL.falseCondition(), IdMatch.anywhere());
        }
        long lowest = range.value1();
        long deadline = System.nanoTime() + budget.toNanos();
        Condition contains = IdFragment.contains(fragment);
        List<Long> found = new ArrayList<>();
        long searched = 0;
        long high = range.value2();
        boolean cut = false;
        while (high >= lowest) {
            long low = Math.max(lowest, high - slice + 1);
            found.addAll(dsl.select(DEVICE.ID).from(DEVICE).where(DEVICE.ID.between(low, high)).and(contains)
                    .orderBy(DEVICE.ID.desc()).fetch(DEVICE.ID));
            searched += high - low + 1;
            high = low - 1;
            if (found.size() > MAX_MATCHES) {
                found = new ArrayList<>(found.subList(0, MAX_MATCHES));
                cut = true;
                break;
            }
            if (high >= lowest && System.nanoTime() - deadline >= 0) {
                cut = true;
                break;
            }
        }
        Condition condition = found.isEmpty() ? DSL.falseCondition() : DEVICE.ID.in(found);
        return new Resolved(condition, new IdMatch(IdMatch.Scope.ANYWHERE, !cut, searched));
    }

    private boolean h2() {
        return dsl.dialect().family() == SQLDialect.H2;
    }
}
