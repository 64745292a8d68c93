package com.fleetprovisioner.bench;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.provisioning.DeviceIntake;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.core.provisioning.PipelineSettings;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.Repositories;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.queue.provisioning.JobRunrProvisioningQueue;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.DatabaseUrl;
import com.fleetprovisioner.db.testing.TestDatabases;
import com.fleetprovisioner.simulator.FaultSettings;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import com.fleetprovisioner.worker.ProvisioningWorker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Where the database time of one device goes, independent of the machine's load: every SQL statement
 * the pipeline (ours and JobRunr's) executes while N devices go from queued to provisioned, counted by
 * H2's own statement statistics ({@code SET QUERY_STATISTICS TRUE}) and divided by N. The worker is wired
 * as the worker process wires it, against the in-process simulator (1 ms latency: the count does not
 * depend on it). JobRunr's polls while the devices run are included, so the JobRunr figure is a little
 * above its per-job writes; the sweeper is off (its wake-ups depend on how long the run takes).
 *
 * <p>Arguments: devices (1000), job threads (16). The device count is what the submit hands over (the
 * queue's enqueue, as {@code SubmitService} calls it after the commit).
 */
public final class StatementCountBench {
    private static final Pattern VERB = Pattern.compile("^\\s*(\\w+)");
    private static final Pattern TABLE = Pattern.compile("(?i)\\b(?:from|into|update)\\s+\"?(?:public\"?\\.)?\"?(\\w+)");

    private StatementCountBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Clock clock = Clock.systemUTC();
        // the sweeper off (an hour): on a loaded machine a run outlasts its 30 s and its wake-ups would be counted
        PipelineSettings base = PipelineSettings.defaults().withPacing(0, threads);
        PipelineSettings settings = base.withTimings(base.lease(), base.pollInterval(), java.time.Duration.ofHours(1));
        DatabaseUrl url = TestDatabases.freshUrl(DatabaseKind.H2);
        try (Simulator sim = Simulator.start(SimulatorConfig.builder().faults(FaultSettings.none().withLatency(1, 1)).build());
             Database db = Database.connect(url.url(), url.user(), url.password(), threads + 10)) {
            db.migrate();
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("bench", Role.OPERATOR, "x", clock.instant()).id();
            Instant now = clock.instant();
            long batch = DatabaseFixture.dsl(db).insertInto(BATCH).set(BATCH.SOURCE, "api").set(BATCH.STATE, "submitted")
                    .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, now).set(BATCH.UPDATED_AT, now)
                    .returning(BATCH.ID).fetchOne(BATCH.ID);
            try (JobStorage jobs = JobStorage.open(db);
                 ProvisioningWorker worker = BenchWorker.start("bench", threads, settings, db, jobs, SecretBox.random(),
                         FleetFreedomConfig.of(sim.webSocketUri(), "ops@example.com", "secret"), clock)) {
                var queue = new JobRunrProvisioningQueue(jobs, new Repositories(db).queueReads(), clock);
                List<NewDevice> devices = IntStream.range(0, n).mapToObj(i -> new NewDevice(
                        String.format("35693807%07d", i), "calamp", 42, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), batch, Optional.of(i), user)).toList();
                Map<String, Long> before = statistics(db);
                List<Long> ids = db.transactions().inTransaction(() -> new JooqDeviceIntake(DatabaseFixture.dsl(db))
                        .insertQueued(devices, clock.instant())).stream().map(DeviceIntake.Queued::deviceId).toList();
                Map<String, Long> submitted = statistics(db);
                // as SubmitService does after its commit
                queue.enqueueBatch(batch, chunk -> {
                    for (int from = 0; from < ids.size(); from += 500) {
                        chunk.accept(ids.subList(from, Math.min(ids.size(), from + 500)));
                    }
                });
                Map<String, Long> enqueued = statistics(db);
                long start = System.nanoTime();
                while (provisioned(db) < n) {
                    Thread.sleep(50);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Map<String, Long> done = statistics(db);
                System.out.printf("%d devices, %d job threads, %.1f s (%.0f/s, 1 ms latency, in-process H2)%n", n, threads,
                        seconds, n / seconds);
                print("insert (devices, events, counters)", before, submitted, n);
                print("enqueue", submitted, enqueued, n);
                print("pipeline (lease to provisioned, JobRunr's job runs; polls of the run counted)", enqueued, done, n);
            }
        }
    }

    private static void print(String phase, Map<String, Long> from, Map<String, Long> to, int n) {
        Map<String, Long> perKind = new TreeMap<>();
        to.forEach((sql, count) -> {
            long d = count - from.getOrDefault(sql, 0L);
            if (d > 0 && !sql.contains("QUERY_STATISTICS") && !sql.contains("/* bench */")) {
                perKind.merge(kind(sql), d, Long::sum);
            }
        });
        long total = perKind.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("%n%s: %.2f statements per device%n| statement | per device |%n|---|---:|%n", phase, total / (double) n);
        perKind.forEach((k, v) -> System.out.printf("| %s | %.2f |%n", k, v / (double) n));
    }

    /** "INSERT device_event", "SELECT jobrunr_jobs": the verb and the first table named. */
    static String kind(String sql) {
        Matcher verb = VERB.matcher(sql);
        Matcher table = TABLE.matcher(sql);
        return (verb.find() ? verb.group(1).toUpperCase(Locale.ROOT) : "?") + " "
                + (table.find() ? table.group(1).toLowerCase(Locale.ROOT) : "-");
    }

    /** Marked, so that the bench's own polling is left out of the counts. */
    private static long provisioned(Database db) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("/* bench */ SELECT COUNT(*) FROM device WHERE state = '"
                     + DeviceState.PROVISIONED.id() + "'")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Map<String, Long> statistics(Database db) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SET QUERY_STATISTICS_MAX_ENTRIES 100000");
            s.execute("SET QUERY_STATISTICS TRUE");
            try (ResultSet r = s.executeQuery("SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS")) {
                while (r.next()) {
                    out.merge(r.getString(1), r.getLong(2), Long::sum);
                }
            }
        }
        return out;
    }
}
