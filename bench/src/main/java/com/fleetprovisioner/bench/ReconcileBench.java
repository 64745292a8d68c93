package com.fleetprovisioner.bench;

import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.audit.JooqAuditLog;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.core.reconcile.ReconcileCategory;
import com.fleetprovisioner.core.reconcile.ReconcileRun;
import com.fleetprovisioner.core.reconcile.Reconciler;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.reconcile.JooqReconcileRepository;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One reconciliation of a 100,000-provider company: the simulator in a JVM of its own (so that its store is not
 * counted), seeded from its command line; this JVM (run it with -Xmx256m) holds an H2 file database with
 * 100,000 provisioned devices of that company, 1,000 of them absent from the simulator and 1,000 of the
 * simulator's unknown here. Prints the run's time, its counts and this JVM's peak used heap (sampled every
 * 20 ms). Arguments: {@code [providers]}.
 */
public final class ReconcileBench {
    private static final long FIRST = 860_000_000_000_000L;
    private static final int OFFSET = 1000;

    private ReconcileBench() {
    }

    public static void main(String[] args) throws Exception {
        int providers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("reconcile-bench");
        Process sim = startSimulator(providers);
        try (Database database = Database.connect("jdbc:h2:file:" + dir.resolve("fleet"), "sa", "", 4)) {
            database.migrate();
            seedDevices(database, providers);
            URI endpoint = URI.create(readEndpoint(sim));
            try (SessionSupervisor client = new SessionSupervisor(FleetFreedomConfig.of(endpoint, "ops@example.com", "secret")
                    .withPacing(0, 16).withCommandTimeout(Duration.ofMinutes(2)))) {
                client.start();
                client.connected().get(60, TimeUnit.SECONDS);
                JooqReconcileRepository runs = new JooqReconcileRepository(DatabaseFixture.dsl(database));
                Reconciler reconciler = new Reconciler(runs, client, new JooqAuditLog(DatabaseFixture.dsl(database)), Clock.systemUTC());
                long id = runs.create(42, ReconcileRun.Trigger.API, Optional.empty(), Clock.systemUTC().instant());
                System.gc();
                AtomicLong peak = new AtomicLong();
                Thread sampler = sampler(peak);
                long start = System.nanoTime();
                reconciler.run(id);
                double seconds = (System.nanoTime() - start) / 1e9;
                sampler.interrupt();
                ReconcileRun run = runs.find(id).orElseThrow();
                System.out.printf("| providers | devices here | state | seconds | peak heap MB | max heap MB |"
                        + " matched | missing | unknown |%n|---:|---:|---|---:|---:|---:|---:|---:|---:|%n");
                System.out.printf("| %d | %d | %s | %.1f | %.0f | %.0f | %d | %d | %d |%n", providers, providers,
                        run.state().id(), seconds, peak.get() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0,
                        run.count(ReconcileCategory.MATCHED), run.count(ReconcileCategory.MISSING_IN_FLEET_FREEDOM),
                        run.count(ReconcileCategory.UNKNOWN_HERE));
                run.error().ifPresent(e -> System.out.println("error: " + e));
            }
        } finally {
            sim.destroy();
        }
    }

    private static Process startSimulator(int providers) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "com.fleetprovisioner.simulator.SimulatorMain", "--port", "0", "--providers", providers + ":42")
                .redirectErrorStream(true).start();
    }

    private static String readEndpoint(Process sim) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains("WebSocket:")) {
                String uri = line.substring(line.indexOf("ws://")).trim();
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return uri;
            }
        }
        throw new IllegalStateException("The simulator did not start");
    }

    /** Devices FIRST+1+OFFSET … FIRST+providers+OFFSET, provisioned in company 42 (H2's SYSTEM_RANGE: bench only). */
    private static void seedDevices(Database database, int providers) {
        var dsl = DatabaseFixture.dsl(database);
        dsl.execute("INSERT INTO app_user (username, password_hash, role, created_at, updated_at) "
                + "VALUES ('bench', 'x', 'operator', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        dsl.execute("INSERT INTO batch (source, state, created_by, created_at, updated_at) "
                + "VALUES ('api', 'completed', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        dsl.execute("INSERT INTO device (provider_id, kind, company_id, batch_id, submitted_by, submitted_at, state, "
                + "billing_started_at, updated_at) SELECT CAST(" + (FIRST + OFFSET) + " + \"X\" AS VARCHAR), 'genx', 42, 1, 1, "
                + "CURRENT_TIMESTAMP, 'provisioned', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM SYSTEM_RANGE(1, "
                + providers + ")");
    }

    private static Thread sampler(AtomicLong peak) {
        var memory = ManagementFactory.getMemoryMXBean();
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }
}
