package com.fleetprovisioner.bench;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

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
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * End to end: devices submitted (inserted and enqueued, as the intake does) until every one is
 * {@code provisioned}, through JobRunr workers, the database and the in-process simulator at 50 ms per
 * command. Each device costs two commands (getProvider, then mergeProvider). Runs on H2 and on
 * embedded PostgreSQL, with the normal in-flight cap and with one command in flight.
 *
 * <p>Arguments: devices for the normal run (10000), devices for the one-in-flight run (300).
 */
public final class PipelineBench {
    record Run(DatabaseKind kind, int devices, int workers, int inFlight) {
    }

    record Result(Run run, double seconds, double perSecond, long duplicates) {
    }

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        int devices = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int serial = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        List<Run> runs = List.of(
                new Run(DatabaseKind.H2, devices, 64, 64), new Run(DatabaseKind.H2, serial, 4, 1),
                new Run(DatabaseKind.POSTGRES, devices, 64, 64), new Run(DatabaseKind.POSTGRES, serial, 4, 1));
        run(new Run(DatabaseKind.H2, 300, 16, 16)); // warm-up, not reported
        StringBuilder table = new StringBuilder("| database | devices | job threads | in flight | seconds | devices/s | duplicate merges |\n"
                + "|---|---:|---:|---:|---:|---:|---:|\n");
        for (Run run : runs) {
            Result r = run(run);
            table.append(String.format("| %s | %d | %d | %d | %.1f | %.1f | %d |%n", run.kind(), run.devices(),
                    run.workers(), run.inFlight(), r.seconds(), r.perSecond(), r.duplicates()));
            System.out.println(table);
        }
    }

    static Result run(Run run) throws Exception {
        Clock clock = Clock.systemUTC();
        PipelineSettings settings = PipelineSettings.defaults().withPacing(0, run.inFlight());
        DatabaseUrl url = TestDatabases.freshUrl(run.kind());
        try (Simulator sim = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withLatency(50, 50)).build());
             Database db = Database.connect(url.url(), url.user(), url.password(), run.workers() + 10)) {
            db.migrate();
            SecretBox secrets = SecretBox.random();
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("bench", Role.OPERATOR, "x", clock.instant()).id();
            Instant now = clock.instant();
            long batch = DatabaseFixture.dsl(db).insertInto(BATCH).set(BATCH.SOURCE, "api").set(BATCH.STATE, "submitted")
                    .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, now).set(BATCH.UPDATED_AT, now)
                    .returning(BATCH.ID).fetchOne(BATCH.ID);
            try (JobStorage jobs = JobStorage.open(db);
                 ProvisioningWorker worker = BenchWorker.start("bench", run.workers(), settings, db, jobs, secrets,
                         FleetFreedomConfig.of(sim.webSocketUri(), "ops@example.com", "secret"), clock)) {
                var queue = new JobRunrProvisioningQueue(jobs, new Repositories(db).queueReads(), clock);
                List<NewDevice> devices = IntStream.range(0, run.devices()).mapToObj(n -> new NewDevice(
                        String.format("35693806%07d", n), "calamp", 42, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), batch, Optional.of(n), user)).toList();
                long start = System.nanoTime();
                List<Long> ids = db.transactions().inTransaction(() -> new JooqDeviceIntake(DatabaseFixture.dsl(db))
                        .insertQueued(devices, clock.instant())).stream().map(DeviceIntake.Queued::deviceId).toList();
                queue.enqueue(ids);
                while (DatabaseFixture.dsl(db).fetchCount(DEVICE, DEVICE.STATE.eq(DeviceState.PROVISIONED.id())) < run.devices()) {
                    Thread.sleep(100);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long duplicates = sim.ledger().entries().stream().map(e -> e.providerId()).distinct()
                        .filter(id -> sim.ledger().creations(id) > 1).count();
                return new Result(run, seconds, run.devices() / seconds, duplicates);
            }
        }
    }
}
