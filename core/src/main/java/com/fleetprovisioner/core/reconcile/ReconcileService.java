package com.fleetprovisioner.core.reconcile;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.common.Transactions;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.intake.CompanyDirectory;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Starting runs (from the page, the API or the schedule), reading them, and importing a run's unknown
 * devices. A run is only created and enqueued here; a worker executes it ({@link Reconciler}).
 */
public final class ReconcileService {
    public static final int MAX_PAGE = 1000;

    private final ReconcileRepository runs;
    private final ReconcileJobs jobs;
    private final CompanyDirectory companies;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Clock clock;

    public ReconcileService(ReconcileRepository runs, ReconcileJobs jobs, CompanyDirectory companies,
            Transactions transactions, AuditLog audit, Clock clock) {
        this.runs = runs;
        this.jobs = jobs;
        this.companies = companies;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A company the account can see (checked against Fleet Freedom's list when it answers; when it does not,
     * the run itself reports what Fleet Freedom says). Audited; enqueued after the run row commits.
     */
    public long start(Actor actor, long company, ReconcileRun.Trigger trigger) {
        if (company <= 0) {
            throw ValidationException.of("company", "reconcile.error.company");
        }
        try {
            if (!companies.companies().contains(company)) {
                throw ValidationException.of("company", "reconcile.error.unseenCompany", company);
            }
        } catch (CompanyDirectory.Unavailable e) {
            // the run asks again and fails with Fleet Freedom's own answer
        }
        long id = transactions.inTransaction(() -> {
            long created = runs.create(company, trigger, actor.userId(), clock.instant());
            audit.record(new AuditEntry(clock.instant(), actor, "reconciliation.start", "reconciliation " + created,
                    "company " + company + " with its children; " + trigger.id()));
            return created;
        });
        jobs.enqueue(id);
        return id;
    }

    public ReconcileRun find(long id) {
        return runs.find(id).orElseThrow(() -> new NotFoundException("notFound.reconciliation", id));
    }

    public List<ReconcileRun> recent(int limit) {
        return runs.recent(limit);
    }

    public List<ReconcileRow> rows(long id, ReconcileCategory category, Optional<String> after, int limit) {
        find(id);
        return runs.rows(id, category, after, Math.max(1, Math.min(MAX_PAGE, limit)));
    }

    public void forEachRow(long id, Optional<ReconcileCategory> category, java.util.function.Consumer<ReconcileRow> row) {
        runs.forEachRow(find(id).id(), category, row);
    }

    /** What an import of this run would add now (0 before the run completed). */
    public long importable(long id) {
        return find(id).state() == ReconcileRun.State.COMPLETED ? runs.importable(id) : 0;
    }

    /** The run's unknown devices recorded as already present; audited. */
    public ReconcileRepository.Imported importUnknown(Actor actor, long id) {
        ReconcileRun run = find(id);
        if (run.state() != ReconcileRun.State.COMPLETED) {
            throw ValidationException.of("run", "reconcile.error.importNotCompleted", id, run.state().label());
        }
        long userId = actor.userId().orElseThrow(() -> ValidationException.of("run", "reconcile.error.importPerson"));
        return transactions.inTransaction(() -> {
            ReconcileRepository.Imported imported = runs.importUnknown(id, userId, clock.instant());
            if (imported.devices() == 0) {
                throw ValidationException.of("run", "reconcile.error.importNothing", id);
            }
            audit.record(new AuditEntry(clock.instant(), actor, "reconciliation.import", "reconciliation " + id,
                    imported.devices() + " devices recorded as already present in batch " + imported.batchId()));
            return imported;
        });
    }

    /** Export of a run's rows, audited like the history's. */
    public void exported(Actor actor, long id, String format, long rows) {
        audit.record(new AuditEntry(clock.instant(), actor, "reconciliation.export", "reconciliation " + id,
                rows + " rows as " + format));
    }
}
