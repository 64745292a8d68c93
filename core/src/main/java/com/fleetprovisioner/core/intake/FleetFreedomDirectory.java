package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.FleetFreedomApi;
import com.fleetprovisioner.fleetfreedom.Listings;
import com.fleetprovisioner.fleetfreedom.SessionInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the pickers offer: the account's company tree ({@code getCompaniesList(own, tree=true)}) and each
 * company's configurations ({@code getProviderConfigsList}), by name. Answers are kept for {@code ttl}, a
 * failure for at most {@link #FAILURE_TTL}, so a page render asks Fleet Freedom at most once per lifetime and
 * a page never waits longer than {@link #WAIT} for it. Only companies of the tree are asked about, and at most
 * {@link #MAX_CONFIG_LISTS} configuration lists are kept. Nothing here checks input: intake still does.
 */
public final class FleetFreedomDirectory {
    public static final Duration WAIT = Duration.ofSeconds(3);
    static final Duration FAILURE_TTL = Duration.ofSeconds(30);
    static final int MAX_CONFIG_LISTS = 256;
    /** Longer lists are not offered as a choice: the page asks for the number instead. */
    public static final int MAX_ENTRIES = 5_000;
    private static final Logger log = LoggerFactory.getLogger(FleetFreedomDirectory.class);

    /** Why a list is missing: each has its notice on the page. */
    public enum Missing { NOT_SET, UNREACHABLE, REFUSED, TOO_MANY }

    /** A company of the tree; {@code depth} 0 is the account's own company. */
    public record Company(long id, String name, int depth) {
    }

    public record Configuration(long id, String name, String kind) {
    }

    /** The entries, or why there are none to choose from. */
    public record Listing<T>(List<T> entries, Optional<Missing> missing) {
        public Listing {
            entries = List.copyOf(entries);
        }

        static <T> Listing<T> of(List<T> entries) {
            return entries.size() > MAX_ENTRIES ? missing(Missing.TOO_MANY) : new Listing<>(entries, Optional.empty());
        }

        static <T> Listing<T> missing(Missing why) {
            return new Listing<>(List.of(), Optional.of(why));
        }

        public boolean available() {
            return missing.isEmpty();
        }
    }

    private record Kept<T>(Listing<T> listing, Instant until) {
    }

    private final FleetFreedomApi api;
    private final Clock clock;
    private final Duration ttl;
    private final BooleanSupplier accountSet;
    private Kept<Company> companies;
    private final Map<Long, Kept<Configuration>> configurations = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Kept<Configuration>> eldest) {
            return size() > MAX_CONFIG_LISTS;
        }
    };

    /** @param accountSet false while no endpoint and account are set: nothing is asked, the pickers say so */
    public FleetFreedomDirectory(FleetFreedomApi api, Clock clock, Duration ttl, BooleanSupplier accountSet) {
        this.api = api;
        this.clock = clock;
        this.ttl = ttl;
        this.accountSet = accountSet;
    }

    /** A directory for a process without Fleet Freedom: every picker is a typed input. */
    public static FleetFreedomDirectory none(Clock clock) {
        return new FleetFreedomDirectory(null, clock, Duration.ofSeconds(1), () -> false);
    }

    /** The tree in display order: each company followed by its children, siblings by name. */
    public synchronized Listing<Company> companies() {
        Instant now = clock.instant();
        if (companies == null || !now.isBefore(companies.until())) {
            companies = keep(fetchTree(), now);
        }
        return companies.listing();
    }

    /** The configurations of a company of the tree; none for any other number (Fleet Freedom is not asked). */
    public synchronized Listing<Configuration> configurations(long company) {
        Listing<Company> tree = companies();
        if (!tree.available()) {
            return Listing.missing(tree.missing().orElseThrow());
        }
        if (tree.entries().stream().noneMatch(c -> c.id() == company)) {
            return Listing.of(List.of());
        }
        Instant now = clock.instant();
        Kept<Configuration> kept = configurations.get(company);
        if (kept == null || !now.isBefore(kept.until())) {
            kept = keep(fetchConfigurations(company), now);
            configurations.put(company, kept);
        }
        return kept.listing();
    }

    /**
     * "Refresh from Fleet Freedom": the next look asks again, and a session waiting out a backoff delay after an
     * outage tries to reconnect at once, so the lists can come back without waiting for that delay.
     */
    public synchronized void refresh() {
        companies = null;
        configurations.clear();
        if (api != null) {
            api.reconnectNow();
        }
    }

    private <T> Kept<T> keep(Listing<T> listing, Instant now) {
        Duration life = listing.available() || ttl.compareTo(FAILURE_TTL) < 0 ? ttl : FAILURE_TTL;
        return new Kept<>(listing, now.plus(life));
    }

    private Listing<Company> fetchTree() {
        if (!accountSet.getAsBoolean()) {
            return Listing.missing(Missing.NOT_SET);
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            SessionInfo session = await(api.getSessionDetails(), deadline);
            Long own = session.user() == null ? null : session.user().company();
            if (own == null) {
                return Listing.missing(Missing.REFUSED);
            }
            List<Listings.Company> flat = await(api.getCompaniesList(own, true), deadline).companies();
            // checked before ordering: the order walks the tree, as deep as the list is long
            return flat.size() > MAX_ENTRIES ? Listing.missing(Missing.TOO_MANY)
                    : Listing.of(CompanyTree.ordered(own, flat));
        } catch (Failed e) {
            return Listing.missing(e.why);
        }
    }

    private Listing<Configuration> fetchConfigurations(long company) {
        try {
            return Listing.of(await(api.getProviderConfigsList(company), System.nanoTime() + WAIT.toNanos()).providerConfigs().stream()
                    .map(c -> new Configuration(c.id(), c.name() == null ? "" : c.name(), c.kind() == null ? "" : c.kind()))
                    .sorted(java.util.Comparator.comparing(Configuration::name, String.CASE_INSENSITIVE_ORDER)
                            .thenComparingLong(Configuration::id))
                    .toList());
        } catch (Failed e) {
            return Listing.missing(e.why);
        }
    }

    /** The answer, waiting no later than {@code deadline} ({@link System#nanoTime()}). */
    private static <T> T await(CompletableFuture<CommandOutcome<T>> call, long deadline) throws Failed {
        try {
            CommandOutcome<T> outcome = call.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (outcome instanceof CommandOutcome.Success<T> success) {
                return success.response();
            }
            log.info("The pickers could not list from Fleet Freedom: {}", outcome.describe());
            throw new Failed(outcome instanceof CommandOutcome.NotSent<T> ? Missing.UNREACHABLE : Missing.REFUSED);
        } catch (TimeoutException | ExecutionException e) {
            log.info("The pickers got no answer from Fleet Freedom within {}: {}", WAIT, String.valueOf(e));
            throw new Failed(Missing.UNREACHABLE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed(Missing.UNREACHABLE);
        }
    }

    private static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient Missing why;

        Failed(Missing why) {
            super(why.name(), null, false, false);
            this.why = why;
        }
    }
}
