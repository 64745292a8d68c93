package com.fleetprovisioner.worker;

import static com.fleetprovisioner.worker.testing.PipelineHarness.await;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.simulator.FaultSettings;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.worker.testing.PipelineHarness;
import com.fleetprovisioner.worker.testing.JarProcess;
import com.fleetprovisioner.worker.testing.WorkerJars;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The worker as its own JVM (the shaded jar): killed with SIGKILL at random moments during a batch and
 * started again, no device lost, none added twice, all terminal; and two of them sharing one batch. The simulator runs in this JVM and
 * the worker reaches it over a real socket; the database is PostgreSQL, shared by both.
 */
class WorkerCrashIT {
    private static final Path JAR = WorkerJars.JAR;
    private static final int DEVICES = 1000;
    private static final int KILLS = 4;

    @Test
    void killedWorkersLoseNothingAndAddNothingTwice() throws Exception {
        assertThat(JAR).as("run 'mvn verify' so that the worker jar is packaged first").isRegularFile();
        Random random = new Random();
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withLatency(10, 30).withDropAfterMerge(0.05)).build());
             PipelineHarness h = new PipelineHarness(DatabaseKind.POSTGRES, sim)) {
            long batch = h.batch();
            h.submit(batch, 0, DEVICES, 42);
            Map<String, String> env = environment(h);
            for (int kill = 1; kill <= KILLS; kill++) {
                JarProcess worker = start(env, kill);
                long provisionedBefore = provisioned(h, batch);
                // kill at a random moment once it is working: between 0.5 and 3 s after its first device
                await("worker " + kill + " makes progress", Duration.ofSeconds(60),
                        () -> provisioned(h, batch) > provisionedBefore || h.allTerminal(batch));
                Thread.sleep(500 + random.nextInt(2500));
                worker.kill();
            }
            assertThat(h.allTerminal(batch)).as("the kills happened mid-batch").isFalse();
            JarProcess last = start(env, KILLS + 1);
            try {
                await("all terminal after the last restart", Duration.ofSeconds(120), () -> h.allTerminal(batch));
            } catch (AssertionError timedOut) {
                // what the last worker was waiting for, for whoever reads the failed run
                last.dumpThreads(Path.of("target", "crash-worker-" + (KILLS + 1) + "-threads.txt"));
                throw new AssertionError(timedOut.getMessage() + "; devices by state: " + h.statesOf(batch), timedOut);
            } finally {
                last.close();
            }
            assertThat(h.statesOf(batch)).isEqualTo(Map.of("provisioned", (long) DEVICES));
            assertThat(h.duplicateCreations()).isEmpty();
            for (int n = 0; n < DEVICES; n++) {
                assertThat(sim.ledger().creations(PipelineHarness.providerId(n))).as("device %d", n).isEqualTo(1);
            }
        }
    }

    @Test
    void twoWorkerJvmsShareABatchAndNeverAddADeviceTwice() throws Exception {
        assertThat(JAR).as("run 'mvn verify' so that the worker jar is packaged first").isRegularFile();
        int devices = 400;
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withLatency(20, 40).withDropAfterMerge(0.05)).build());
             PipelineHarness h = new PipelineHarness(DatabaseKind.POSTGRES, sim)) {
            Map<String, String> env = environment(h);
            JarProcess first = start(env, 101);
            JarProcess second = start(env, 102);
            try {
                long batch = h.batch();
                h.submit(batch, 0, devices, 42);
                await("all terminal", Duration.ofSeconds(120), () -> h.allTerminal(batch));
                assertThat(h.statesOf(batch)).isEqualTo(Map.of("provisioned", (long) devices));
                List<String> workers = DatabaseFixture.dsl(h.db).selectDistinct(DEVICE_EVENT.WORKER).from(DEVICE_EVENT)
                        .where(DEVICE_EVENT.TYPE.eq("provisioned")).fetch(DEVICE_EVENT.WORKER);
                assertThat(workers).as("both worker processes provisioned devices").hasSize(2);
            } finally {
                first.close();
                second.close();
            }
            assertThat(h.duplicateCreations()).isEmpty();
            for (int n = 0; n < devices; n++) {
                assertThat(sim.ledger().creations(PipelineHarness.providerId(n))).as("device %d", n).isEqualTo(1);
            }
        }
    }

    private static long provisioned(PipelineHarness h, long batch) {
        return h.statesOf(batch).getOrDefault("provisioned", 0L);
    }

    private static Map<String, String> environment(PipelineHarness h) throws Exception {
        Map<String, String> env = WorkerJars.environment(h);
        env.put("FP_WORKERS", "8");
        env.put("FP_SEND_RATE", "0");
        env.put("FP_MAX_IN_FLIGHT", "16");
        // the shortest lease start-up accepts for these timeouts: 2 + 3 + 5 s margin
        env.put("FP_LEASE_SECONDS", "10");
        env.put("FP_FF_CONNECT_TIMEOUT_SECONDS", "2");
        env.put("FP_FF_REPLY_TIMEOUT_SECONDS", "3");
        env.put("FP_RETRY_BASE_SECONDS", "1");
        env.put("FP_RETRY_MAX_SECONDS", "2");
        return env;
    }

    private static JarProcess start(Map<String, String> env, int n) {
        return WorkerJars.launch(env, "crash-worker-" + n);
    }

}
