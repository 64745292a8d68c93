package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.FleetFreedomApi;
import com.fleetprovisioner.fleetfreedom.Listings;
import com.fleetprovisioner.fleetfreedom.SessionInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The account's own company and its children, as {@code getCompaniesList(own, tree=true)} reports
 * them, cached for a short time: an upload of 100,000 rows asks once, and a company added in Fleet
 * Freedom is accepted a minute later.
 */
public final class FleetFreedomCompanyDirectory implements CompanyDirectory {
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(1);
    private static final Duration WAIT = Duration.ofSeconds(15);

    private record Cached(Set<Long> companies, Instant fetchedAt) {
    }

    private final FleetFreedomApi api;
    private final Clock clock;
    private final Duration ttl;
    private Cached cached;

    public FleetFreedomCompanyDirectory(FleetFreedomApi api, Clock clock, Duration ttl) {
        this.api = api;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public synchronized Set<Long> companies() {
        Instant now = clock.instant();
        if (cached == null || !now.isBefore(cached.fetchedAt().plus(ttl))) {
            cached = new Cached(fetch(), now);
        }
        return cached.companies();
    }

    private Set<Long> fetch() {
        SessionInfo session = success(api.getSessionDetails(), "the session details", "sessionDetails");
        Long own = session.user() == null ? null : session.user().company();
        if (own == null) {
            throw new Unavailable(Text.of("intake.companies.noOwn"),
                    "Fleet Freedom did not say which company the account belongs to.");
        }
        Listings.CompaniesList list = success(api.getCompaniesList(own, true), "the company list", "companyList");
        Set<Long> ids = list.companies().stream().map(Listings.Company::id).collect(Collectors.toSet());
        ids.add(own);
        return Set.copyOf(ids);
    }

    /** @param what which answer, in English for the log; {@code whatKey} the end of its message key (intake.companies.what.*) */
    private static <T> T success(java.util.concurrent.CompletableFuture<CommandOutcome<T>> call, String what,
            String whatKey) {
        Text asked = Text.of("intake.companies.what." + whatKey);
        try {
            CommandOutcome<T> outcome = call.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (outcome instanceof CommandOutcome.Success<T> success) {
                return success.response();
            }
            throw new Unavailable(Text.of("intake.companies.refused", asked, describe(outcome)),
                    "Fleet Freedom did not give " + what + " (" + describe(outcome)
                    + "), so company numbers cannot be checked. Try again in a minute.");
        } catch (TimeoutException e) {
            throw new Unavailable(Text.of("intake.companies.timeout", WAIT.toSeconds()),
                    "Fleet Freedom did not answer within " + WAIT.toSeconds() + " s, so company numbers "
                    + "cannot be checked. Try again in a minute.");
        } catch (ExecutionException e) {
            throw new Unavailable(Text.of("intake.companies.failed", asked),
                    "Fetching " + what + " from Fleet Freedom failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(Text.of("intake.companies.interrupted", asked),
                    "Interrupted while fetching " + what + " from Fleet Freedom.");
        }
    }

    private static String describe(CommandOutcome<?> outcome) {
        return outcome.describe();
    }
}
