package com.fleetprovisioner.worker;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;
import static com.fleetprovisioner.db.jooq.Tables.SEND_BUDGET;
import static com.fleetprovisioner.worker.testing.PipelineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.simulator.FaultSettings;
import com.fleetprovisioner.simulator.Ledger;
import com.fleetprovisioner.simulator.Receipts;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.worker.testing.PipelineHarness;
import com.fleetprovisioner.worker.testing.WorkerJars;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The send budget is one for all worker processes, and by default it finds Fleet Freedom's limit. Three
 * worker JVMs (the shaded jar) share a PostgreSQL database; the simulator runs here and counts what it
 * receives. Both are counts over a window at the simulator, not timings of our code. The windows are
 * short for CI: 20 s for the fixed rate, 30 s (half the minute the throttle rule speaks of) after learning.
 *
 * <p>In CI the adaptive case runs at a stated fraction of the 400 commands/s: a hidden limit of
 * 120/s, with the ratio kept (at least a quarter of the limit in devices/s, as 100 devices/s is of
 * 400 commands/s), and a batch big enough to last through learning and the window at that rate. The full
 * limit is a benchmark run of the same test: {@code -Dfp.pacingIT.limit=400} (README, "Pacing"). The
 * in-process {@code SharedBudgetIT} runs the full 400/s in CI.
 */
class PacingIT {
    private static final Duration FIXED_WINDOW = Duration.ofSeconds(20);
    private static final Duration ADAPTIVE_WINDOW = Duration.ofSeconds(30);
    /** The simulator's hidden command-rate limit for the adaptive case; 120 in CI. */
    private static final int LIMIT = Integer.getInteger("fp.pacingIT.limit", 120);

    @Test
    void threeWorkerProcessesWithAFixedRateOf60KeepWithin10PercentOfItTogether() throws Exception {
        assertThat(WorkerJars.JAR).as("run 'mvn verify' so that the worker jar is packaged first").isRegularFile();
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withLatency(10, 30)).build());
             PipelineHarness h = new PipelineHarness(DatabaseKind.POSTGRES, sim);
             WorkerJars workers = new WorkerJars()) {
            Map<String, String> env = WorkerJars.environment(h);
            env.put("FP_SEND_RATE", "60");
            env.put("FP_WORKERS", "8");
            env.put("FP_MAX_IN_FLIGHT", "16");
            long batch = h.batch();
            h.submit(batch, 0, 3000, 42);
            for (int n = 1; n <= 3; n++) {
                workers.start(env, "pacing-fixed-" + n);
            }
            awaitAllThreeSending(h);
            Instant from = Instant.now();
            Thread.sleep(FIXED_WINDOW.toMillis());
            Instant to = from.plus(FIXED_WINDOW);
            assertThat(h.allTerminal(batch)).as("demand lasted the whole window").isFalse();
            double perSecond = paced(sim, from, to) / (double) FIXED_WINDOW.toSeconds();
            System.out.printf("PacingIT fixed 60/s, three worker JVMs: %.1f commands/s at the simulator%n", perSecond);
            assertThat(perSecond).as("commands/s the simulator received from three workers at 60/s together")
                    .isBetween(54.0, 66.0);
            assertThat(h.duplicateCreations()).isEmpty();
        }
    }

    @Test
    void byDefaultTheRateFindsAHiddenLimitAndSettlesBelowIt() throws Exception {
        assertThat(WorkerJars.JAR).as("run 'mvn verify' so that the worker jar is packaged first").isRegularFile();
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withLatency(50, 50).withThrottle(0, 1000, 1.0)
                        .withCommandRateLimit(LIMIT)).build());
             PipelineHarness h = new PipelineHarness(DatabaseKind.POSTGRES, sim);
             WorkerJars workers = new WorkerJars()) {
            Map<String, String> env = WorkerJars.environment(h);
            // pacing left at its default (auto); enough job threads and in-flight room that the rate, not
            // the worker, is what holds sending back at 50 ms a round trip
            env.put("FP_WORKERS", "32");
            env.put("FP_MAX_IN_FLIGHT", "32");
            long batch = h.batch();
            h.submit(batch, 0, LIMIT * 125, 42); // 15,000 at 120/s
            for (int n = 1; n <= 3; n++) {
                workers.start(env, "pacing-adaptive-" + n);
            }
            await("the rate settles after learning", Duration.ofSeconds(120),
                    () -> "SETTLED".equals(DatabaseFixture.dsl(h.db).select(SEND_BUDGET.PHASE).from(SEND_BUDGET).fetchOne(SEND_BUDGET.PHASE)));
            assertThat(sim.commandRate().refusals()).as("learning found the limit by being throttled").isNotEmpty();
            Instant from = Instant.now();
            Thread.sleep(ADAPTIVE_WINDOW.toMillis());
            Instant to = from.plus(ADAPTIVE_WINDOW);
            assertThat(h.allTerminal(batch)).as("demand lasted the whole window").isFalse();
            long created = sim.ledger().entries().stream().filter(e -> inWindow(e.receivedAt(), from, to))
                    .filter(e -> e.outcome() == Ledger.Outcome.CREATED).count();
            long throttled = sim.commandRate().refusals().stream().filter(t -> inWindow(t, from, to)).count();
            double rate = DatabaseFixture.dsl(h.db).select(SEND_BUDGET.RATE).from(SEND_BUDGET).fetchOne(SEND_BUDGET.RATE);
            System.out.printf("PacingIT adaptive, limit %d/s, three worker JVMs: %.1f devices/s, %d throttled in 30 s,"
                    + " rate %.0f/s%n", LIMIT, created / (double) ADAPTIVE_WINDOW.toSeconds(), throttled, rate);
            assertThat(created / (double) ADAPTIVE_WINDOW.toSeconds()).as("devices/s after learning (rate %.0f/s)", rate)
                    .isGreaterThanOrEqualTo(LIMIT / 4.0);
            assertThat(throttled).as("throttle answers in %s after learning", ADAPTIVE_WINDOW).isLessThanOrEqualTo(1);
            assertThat(rate).as("settled below the limit").isLessThan(LIMIT);
            assertThat(h.duplicateCreations()).isEmpty();
        }
    }

    /** Everything the workers send through the pacer: every command but the login. */
    private static long paced(Simulator sim, Instant from, Instant to) {
        return sim.receipts().all().stream().filter(r -> !r.command().equals("login"))
                .map(Receipts.Receipt::receivedAt).filter(t -> inWindow(t, from, to)).count();
    }

    private static boolean inWindow(Instant t, Instant from, Instant to) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    private static void awaitAllThreeSending(PipelineHarness h) {
        await("three worker processes provisioning", Duration.ofSeconds(120), () -> DatabaseFixture.dsl(h.db)
                .selectDistinct(DEVICE_EVENT.WORKER).from(DEVICE_EVENT).where(DEVICE_EVENT.TYPE.eq("provisioned"))
                .fetch(DEVICE_EVENT.WORKER).size() == 3);
    }
}
