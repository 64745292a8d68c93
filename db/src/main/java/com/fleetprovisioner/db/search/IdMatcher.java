package com.fleetprovisioner.db.search;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.search.DeviceSearch;
import com.fleetprovisioner.core.search.IdMatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <li>any other fragment is looked for anywhere, by reading the ids in id order from the unique index
 * (provider_id and the row's key only: about 4× fewer pages than the rows) in slices of {@code slice},
 * and stops when the {@code budget} has passed or more than {@link #MAX_MATCHES} ids match; the
 * filter is then "one of the ids found", and {@link IdMatch} says how many ids were searched.</li>
 * </ul>
 * H2's answers are kept {@link #REMEMBERED} so that the page, its notice and its next pages do not scan again.
 */
public final class IdMatcher {
    /** How long an H2 scan for a fragment may run before it stops with the newest part searched. */
    public static final Duration SCAN_BUDGET = Duration.ofSeconds(2);
    /** Past this many matches an H2 scan stops (cut short like a slow one): "type more of the id". */
    public static final int MAX_MATCHES = 2_000;
    static final int SLICE = 50_000;
    private static final long REMEMBERED = Duration.ofSeconds(10).toNanos();
    private static final int REMEMBERED_FRAGMENTS = 64;

    /** The filter's condition and how it matched; {@code scanned}: an H2 scan's matches, in id order. */
    record Resolved(Condition condition, IdMatch match, Optional<List<Long>> scanned) {
        Resolved(Condition condition, IdMatch match) {
            this(condition, match, Optional.empty());
        }
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

    /** {@code budget} zero: an H2 scan stops after its first slice of {@code slice} ids (tests). */
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

    /**
     * The matches of an H2 scan (device ids in provider id order): the search page takes its first
     * ones instead of sorting thousands of rows by id again. Empty when no scan answered.
     */
    public Optional<List<Long>> scanned(String fragment) {
        return resolve(fragment).scanned();
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
        long deadline = System.nanoTime() + budget.toNanos();
        List<Long> found = new ArrayList<>();
        long searched = 0;
        String after = null;
        boolean cut = false;
        while (true) {
            List<Record2<Long, String>> ids = dsl.select(DEVICE.ID, DEVICE.PROVIDER_ID).from(DEVICE)
                    .where(after == null ? DSL.noCondition() : DEVICE.PROVIDER_ID.gt(after))
                    .orderBy(DEVICE.PROVIDER_ID).limit(slice).fetch();
            for (Record2<Long, String> id : ids) {
                if (id.value2().contains(fragment)) {
                    found.add(id.value1());
                }
            }
            searched += ids.size();
            if (ids.size() < slice) {
                break;
            }
            after = ids.get(ids.size() - 1).value2();
            if (found.size() > MAX_MATCHES || System.nanoTime() - deadline >= 0) {
                cut = true;
                break;
            }
        }
        Condition condition = found.isEmpty() ? DSL.falseCondition() : DEVICE.ID.in(found);
        return new Resolved(condition, new IdMatch(IdMatch.Scope.ANYWHERE, !cut, searched), Optional.of(List.copyOf(found)));
    }

    private boolean h2() {
        return dsl.dialect().family() == SQLDialect.H2;
    }
}
