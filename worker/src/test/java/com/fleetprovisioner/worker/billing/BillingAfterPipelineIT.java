package com.fleetprovisioner.worker.billing;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.worker.testing.PipelineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.billing.BillingMonth;
import com.fleetprovisioner.core.billing.BillingRow;
import com.fleetprovisioner.core.billing.BillingTotals;
import com.fleetprovisioner.core.history.HistoryQuery;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.billing.JooqBillingReport;
import com.fleetprovisioner.db.history.JooqDeviceHistory;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.worker.testing.PipelineHarness;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Devices provisioned by the real pipeline (JobRunr, the simulator over a socket): the billing report
 * counts exactly what the history shows provisioned in each month and company, with the billing start
 * the pipeline recorded; a cancelled batch's devices never count.
 */
class BillingAfterPipelineIT {
    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theReportCountsWhatThePipelineProvisioned(DatabaseKind kind) {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults());
             PipelineHarness h = new PipelineHarness(kind, sim)) {
            long cancelled = h.batch();
            h.submit(cancelled, 100, 104, 42);
            h.devices.cancelBatch(cancelled, Instant.now());
            long batch = h.batch();
            h.submit(batch, 0, 12, 42);
            h.submit(batch, 12, 20, 43);
            h.startWorker("w1", 4);
            await("all terminal", DEADLINE, () -> h.allTerminal(batch));
            assertThat(h.statesOf(batch)).containsEntry("provisioned", 20L);

            JooqBillingReport report = new JooqBillingReport(DatabaseFixture.dsl(h.db));
            JooqDeviceHistory history = new JooqDeviceHistory(DatabaseFixture.dsl(h.db));
            // the simulator's clock is now: a run across midnight at a month's end spans two months
            Set<BillingMonth> months = new TreeSet<>((a, b) -> a.month().compareTo(b.month()));
            DatabaseFixture.dsl(h.db).select(DEVICE.BILLING_STARTED_AT).from(DEVICE).where(DEVICE.BILLING_STARTED_AT.isNotNull())
                    .fetch(DEVICE.BILLING_STARTED_AT).forEach(at -> months.add(BillingMonth.of(at)));
            long counted = 0;
            for (BillingMonth month : months) {
                BillingTotals totals = report.totals(month);
                for (long company : List.of(42L, 43L)) {
                    assertThat(totals.perCompany().getOrDefault(company, 0L)).as(month.id() + " company " + company)
                            .isEqualTo(history.search(provisioned(month, company)).size());
                }
                List<BillingRow> rows = new ArrayList<>();
                report.forEach(month, Optional.empty(), rows::add);
                assertThat(rows).allSatisfy(r -> assertThat(h.devices.findByProviderId(r.providerId()).orElseThrow()
                        .billingStartedAt()).hasValue(r.billingStartedAt()));
                assertThat(rows).extracting(BillingRow::submittedBy).containsOnly("op");
                counted += totals.devices();
            }
            assertThat(counted).as("the 20 provisioned, not the 4 cancelled").isEqualTo(20);
        }
    }

    private static HistoryQuery provisioned(BillingMonth month, long company) {
        return new HistoryQuery(Optional.of(DeviceState.PROVISIONED), Optional.empty(), Optional.empty(), Optional.of(company),
                Optional.empty(), HistoryQuery.DateField.BILLING, Optional.of(month.start()), Optional.of(month.end()),
                Optional.empty(), HistoryQuery.Order.NEWEST_SUBMITTED, Optional.empty(), 1000);
    }
}
