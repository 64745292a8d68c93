package com.fleetprovisioner.worker;

import static com.fleetprovisioner.db.jooq.Tables.RECONCILIATION_RUN;
import static com.fleetprovisioner.worker.testing.PipelineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.settings.SettingKey;
import com.fleetprovisioner.core.settings.SettingsForm;
import com.fleetprovisioner.core.settings.SettingsService;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.queue.reconcile.JobRunrReconcileJobs;
import com.fleetprovisioner.queue.reconcile.ScheduledReconciliation;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.simulator.World;
import com.fleetprovisioner.worker.testing.PipelineHarness;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jobrunr.jobs.RecurringJob;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reconciliation schedule: off by default (no recurring job), a saved schedule becomes JobRunr's recurring
 * job (through its public API) within a few seconds and "off" deletes it; its job, run by a worker, reconciles
 * the account's own company as the system.
 */
class ReconcileScheduleIT {
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theScheduleFollowsTheSettingsAndItsJobReconcilesTheAccountsCompany(DatabaseKind kind) {
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .provider(new SimulatorConfig.SeedProvider("356938035643809", "calamp", 43)).build());
             PipelineHarness h = new PipelineHarness(kind, sim)) {
            SettingsService settings = h.settings();
            assertThat(settings.current().reconcileSchedule().id()).isEqualTo("off");
            h.startFollowingWorker("w1", 2, settings);
            assertThat(recurring(h)).isEmpty();

            save(settings, h, "daily");
            await("recurring job created", DEADLINE, () -> recurring(h).isPresent());
            assertThat(recurring(h).orElseThrow().getScheduleExpression()).isEqualTo("17 2 * * *");
            save(settings, h, "Weekly ");
            await("recurring job replaced", DEADLINE,
                    () -> recurring(h).map(j -> j.getScheduleExpression().equals("17 3 * * 1")).orElse(false));
            for (String bad : new String[] {"sometimes", "0 * * * *", "dai\u0000ly", "x".repeat(300)}) {
                assertThatThrownBy(() -> save(settings, h, bad)).as(bad).isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.fieldErrors()).containsKey("reconcileSchedule"));
            }
            save(settings, h, "off");
            await("recurring job deleted", DEADLINE, () -> recurring(h).isEmpty());

            // what the recurring job runs when its time comes, enqueued now through the same public API
            new JobRequestScheduler(h.jobs.provider()).enqueue(new ScheduledReconciliation());
            await("scheduled run completed", DEADLINE, () -> DatabaseFixture.dsl(h.db).fetchCount(RECONCILIATION_RUN,
                    RECONCILIATION_RUN.STATE.eq("completed")) == 1);
            var run = DatabaseFixture.dsl(h.db).selectFrom(RECONCILIATION_RUN).fetchOne();
            assertThat(run.getTriggerKind()).isEqualTo("schedule");
            assertThat(run.getStartedBy()).as("started by the system").isNull();
            assertThat(run.getCompanyId()).as("the account's own company").isEqualTo(42);
            assertThat(run.getUnknownHere()).isEqualTo(1);
            assertThat(sim.world().provider("356938035643809").map(World.StoredProvider::company)).contains(43L);
            assertThat(sim.ledger().entries()).isEmpty();
        }
    }

    private static void save(SettingsService settings, PipelineHarness h, String schedule) {
        settings.save(h.operator(), new SettingsForm(Map.of(SettingKey.RECONCILE_SCHEDULE, schedule), Set.of(), false));
    }

    private static Optional<RecurringJob> recurring(PipelineHarness h) {
        return h.jobs.provider().getRecurringJobs().stream()
                .filter(j -> j.getId().equals(JobRunrReconcileJobs.RECURRING_ID)).findFirst();
    }
}
