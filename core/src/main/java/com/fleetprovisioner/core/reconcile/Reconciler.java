package com.fleetprovisioner.core.reconcile;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.SessionInfo;
import com.fleetprovisioner.fleetfreedom.FleetFreedomApi;
import com.fleetprovisioner.fleetfreedom.Listings;
import com.fleetprovisioner.fleetfreedom.Provider;
import com.fleetprovisioner.core.provisioning.DeviceState;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes a run (on a worker): lists the company's tree, then each company's providers a page at a time,
 * compares every page with our records in one query and stores its rows, then adds our provisioned devices
 * the lists never named. Memory holds one page, whatever the company's size. Read-only towards Fleet
 * Freedom: it sends {@code getCompaniesList} and {@code getProvidersList}, nothing else.
 */
public final class Reconciler {
    /** Providers asked for per page, and compared per query when a server answers the whole list at once. */
    public static final int PAGE = 1000;
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final ReconcileRepository runs;
    private final FleetFreedomApi fleetFreedom;
    private final AuditLog audit;
    private final Clock clock;

    public Reconciler(ReconcileRepository runs, FleetFreedomApi fleetFreedom, AuditLog audit, Clock clock) {
        this.runs = runs;
        this.fleetFreedom = fleetFreedom;
        this.audit = audit;
        this.clock = clock;
    }

    /** The schedule's run: the account's own company with its children, started by the system; audited. */
    public void runScheduled() throws InterruptedException {
        SessionInfo session = answer(fleetFreedom.getSessionDetails(), "the session details");
        Long own = session.user() == null ? null : session.user().company();
        if (own == null) {
            log.warn("Scheduled reconciliation skipped: Fleet Freedom did not say which company the account belongs to");
            return;
        }
        long id = runs.create(own, ReconcileRun.Trigger.SCHEDULE, Optional.empty(), clock.instant());
        audit.record(new AuditEntry(clock.instant(), Actor.system(), "reconciliation.start", "reconciliation " + id,
                "company " + own + " with its children; schedule"));
        run(id);
    }

    /** Runs it to its end; a failure is recorded on the run, never thrown (JobRunr must not retry it blindly). */
    public void run(long runId) throws InterruptedException {
        Optional<ReconcileRun> begun = runs.begin(runId, clock.instant());
        if (begun.isEmpty()) {
            return;
        }
        try {
            compare(begun.get());
            runs.complete(runId, clock.instant());
        } catch (Unanswered e) {
            runs.fail(runId, e.getMessage(), clock.instant());
        } catch (RuntimeException e) {
            log.error("Reconciliation {} failed", runId, e);
            runs.fail(runId, "Internal error: " + e.getClass().getSimpleName(), clock.instant());
        }
    }

    private void compare(ReconcileRun run) throws InterruptedException {
        List<Long> companies = tree(run.company());
        runs.companies(run.id(), companies.size(), clock.instant());
        long seen = 0;
        for (int done = 0; done < companies.size(); done++) {
            long company = companies.get(done);
            String after = null;
            Listings.ProvidersList page;
            do {
                page = answer(fleetFreedom.getProvidersPage(company, PAGE, after), "the providers of company " + company);
                List<Provider> providers = page.providers();
                for (int from = 0; from < providers.size(); from += PAGE) {
                    List<Provider> chunk = providers.subList(from, Math.min(providers.size(), from + PAGE));
                    runs.addRows(run.id(), rows(company, chunk));
                    seen += chunk.size();
                    runs.progress(run.id(), done, seen, clock.instant());
                }
                after = providers.isEmpty() ? null : providers.get(providers.size() - 1).id();
            } while (page.hasMore() && after != null);
            runs.progress(run.id(), done + 1, seen, clock.instant());
        }
        runs.addMissing(run.id(), companies);
    }

    /** The company and every company below it, as Fleet Freedom reports them. */
    private List<Long> tree(long company) throws InterruptedException {
        Listings.CompaniesList list = answer(fleetFreedom.getCompaniesList(company, true), "the company list of " + company);
        TreeSet<Long> ids = new TreeSet<>();
        ids.add(company);
        list.companies().forEach(c -> ids.add(c.id()));
        return List.copyOf(ids);
    }

    private List<ReconcileRow> rows(long company, List<Provider> providers) {
        List<Provider> present = providers.stream().filter(p -> !p.isDeleted() && p.id() != null).toList();
        Map<String, HereDevice> here = runs.here(present.stream().map(Provider::id).toList());
        List<ReconcileRow> rows = new ArrayList<>(present.size());
        for (Provider p : present) {
            rows.add(row(p, company, Optional.ofNullable(here.get(p.id()))));
        }
        return rows;
    }

    static ReconcileRow row(Provider p, long company, Optional<HereDevice> here) {
        ReconcileCategory category = here.map(h -> category(h, company)).orElse(ReconcileCategory.UNKNOWN_HERE);
        return new ReconcileRow(p.id(), category, Optional.ofNullable(p.kind()), Optional.of(company),
                here.map(HereDevice::companyId), here.map(HereDevice::deviceId), here.map(HereDevice::state));
    }

    /**
     * A device we failed, cancelled or left for review was never added through this product: present there,
     * it is unknown here (its row names our record and its state).
     */
    static ReconcileCategory category(HereDevice here, long companyThere) {
        return switch (here.state()) {
            case QUEUED, SENDING, RETRYING -> ReconcileCategory.PENDING_HERE;
            case PROVISIONED, PRE_EXISTING -> here.companyId() == companyThere ? ReconcileCategory.MATCHED
                    : ReconcileCategory.COMPANY_MISMATCH;
            case FAILED, CANCELLED, NEEDS_REVIEW -> ReconcileCategory.UNKNOWN_HERE;
        };
    }

    private static <T> T answer(CompletableFuture<CommandOutcome<T>> call, String what) throws InterruptedException {
        try {
            CommandOutcome<T> outcome = call.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (outcome instanceof CommandOutcome.Success<T> success) {
                return success.response();
            }
            throw new Unanswered("Fleet Freedom did not give " + what + ": " + outcome.describe());
        } catch (TimeoutException e) {
            throw new Unanswered("Fleet Freedom did not give " + what + " within " + WAIT.toMinutes() + " minutes.");
        } catch (ExecutionException e) {
            throw new Unanswered("Asking Fleet Freedom for " + what + " failed: " + e.getCause());
        }
    }

    /** Fleet Freedom did not answer what the run needs: the run fails with this message. */
    static final class Unanswered extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Unanswered(String message) {
            super(message);
        }
    }

    /** States a device must be in here for its absence there to count as missing. */
    public static final List<DeviceState> EXPECTED_THERE = List.of(DeviceState.PROVISIONED, DeviceState.PRE_EXISTING);
}
