package com.fleetprovisioner.worker.testing;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.config.NotificationSettings;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.provisioning.BatchControlService;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.DeviceIntake;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.core.provisioning.PipelineSettings;
import com.fleetprovisioner.core.settings.SettingKey;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.core.settings.SettingsService;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.Repositories;
import com.fleetprovisioner.db.device.DeviceCountChecks;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.testing.TestSettings;
import com.fleetprovisioner.db.audit.JooqAuditLog;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.device.JooqDeviceRepository;
import com.fleetprovisioner.db.pipeline.JooqPipelineState;
import com.fleetprovisioner.queue.provisioning.JobRunrProvisioningQueue;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.worker.ProvisioningWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A database, a simulator and the pipeline wired as the worker process wires it, with test-sized
 * timings (JobRunr's 5 s poll is the smallest it allows on SQL; retries after 1–2 s).
 */
public final class PipelineHarness implements AutoCloseable {
    public static final PipelineSettings SETTINGS = PipelineSettings.defaults()
            .withRetry(3, Duration.ofMillis(500), Duration.ofSeconds(2))
            .withPacing(0, 32)
            .withTimings(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(2));

    public final Database db;
    public final JobStorage jobs;
    public final Simulator simulator;
    public final byte[] secretKey = randomKey();
    public final SecretBox secrets = new SecretBox(secretKey);
    public final JobRunrProvisioningQueue queue;
    public final JooqDeviceRepository devices;
    public final JooqPipelineState pipeline;
    public final BatchControlService control;
    public final long userId;
    private final List<ProvisioningWorker> workers = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();

    public PipelineHarness(DatabaseKind kind, Simulator simulator) {
        this.db = TestDatabases.migrated(kind);
        this.jobs = JobStorage.open(db);
        this.simulator = simulator;
        this.queue = new JobRunrProvisioningQueue(jobs, new Repositories(db).queueReads(), clock);
        this.devices = new JooqDeviceRepository(DatabaseFixture.dsl(db));
        this.pipeline = new JooqPipelineState(DatabaseFixture.dsl(db));
        this.control = new BatchControlService(devices, pipeline, queue, new JooqAuditLog(DatabaseFixture.dsl(db)), db.transactions(), clock);
        this.userId = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", clock.instant()).id();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return key;
    }

    public Actor operator() {
        return Actor.user(userId, "op", "127.0.0.1");
    }

    public FleetFreedomConfig fleetFreedom() {
        return FleetFreedomConfig.of(simulator.webSocketUri(), "ops@example.com", "secret")
                .withCommandTimeout(Duration.ofSeconds(10))
                .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    /** A worker as WorkerMain's, following the settings of {@link #settings()} (nothing saved: this harness's). */
    public ProvisioningWorker startWorker(String name, int threads) {
        return startFollowingWorker(name, threads, settings());
    }

    /**
     * The settings service a following worker reads, with this harness's simulator, account and test-sized
     * pipeline values as the "environment" defaults (retry waits of 1–2 s: the page counts whole seconds).
     */
    public SettingsService settings() {
        Map<SettingKey, String> env = new EnumMap<>(SettingKey.class);
        env.put(SettingKey.ENDPOINT, simulator.webSocketUri().toString());
        env.put(SettingKey.USERNAME, fleetFreedom().username());
        env.put(SettingKey.PASSWORD, fleetFreedom().password());
        env.put(SettingKey.SEND_RATE, Integer.toString(SETTINGS.sendRate()));
        env.put(SettingKey.MAX_IN_FLIGHT, Integer.toString(SETTINGS.maxInFlight()));
        env.put(SettingKey.MAX_ATTEMPTS, Integer.toString(SETTINGS.maxAttempts()));
        env.put(SettingKey.RETRY_BASE, "1");
        env.put(SettingKey.RETRY_MAX, "2");
        return TestSettings.service(db, new SettingsDefaults(env, Optional.empty()), secrets, clock);
    }

    /** A worker that follows what is saved through {@code settings}, as WorkerMain's does. */
    public ProvisioningWorker startFollowingWorker(String name, int threads, SettingsService settings) {
        ProvisioningWorker worker = ProvisioningWorker.start(name, threads, SETTINGS, new Repositories(db), jobs, secrets,
                fleetFreedom(), clock, settings, NotificationSettings.defaults());
        workers.add(worker);
        return worker;
    }

    public long batch() {
        Instant now = clock.instant();
        return DatabaseFixture.dsl(db).insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, userId).set(BATCH.CREATED_AT, now).set(BATCH.SUBMITTED_AT, now)
                .set(BATCH.UPDATED_AT, now).returning(BATCH.ID).fetchOne(BATCH.ID);
    }

    public static String providerId(int n) {
        return String.format("35693804%07d", n);
    }

    /**
     * Submits devices n in [from, to) for the company, as the intake does: insert, commit, hand the batch's
     * queued devices to the queue (in ranges of ids).
     */
    public List<Long> submit(long batch, int from, int to, long company) {
        List<Long> ids = insert(batch, from, to, company);
        queue.enqueueBatch(batch, chunk -> chunk.accept(ids));
        return ids;
    }

    /** Devices n in [from, to) for the company, inserted as the intake does, and no job for them; their ids. */
    public List<Long> insert(long batch, int from, int to, long company) {
        List<NewDevice> list = IntStream.range(from, to).mapToObj(n -> new NewDevice(providerId(n), "calamp", company,
                Optional.of("Truck " + n), Optional.empty(), Optional.of(secrets.seal("pw-" + n)), Optional.empty(),
                batch, Optional.of(n), userId)).toList();
        return db.transactions().inTransaction(() -> new JooqDeviceIntake(DatabaseFixture.dsl(db))
                .insertQueued(list, clock.instant())).stream().map(DeviceIntake.Queued::deviceId).toList();
    }

    public Map<String, Long> statesOf(long batch) {
        return DatabaseFixture.dsl(db).select(DEVICE.STATE).from(DEVICE).where(DEVICE.BATCH_ID.eq(batch)).fetch(DEVICE.STATE)
                .stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }

    /** The device counters equal a count of the device table (after every worker's changes). */
    public void countersExact() {
        DeviceCountChecks.assertExact(db, "the pipeline's run");
    }

    public boolean allTerminal(long batch) {
        List<String> terminal = java.util.Arrays.stream(DeviceState.values()).filter(DeviceState::terminal)
                .map(DeviceState::id).toList();
        return DatabaseFixture.dsl(db).fetchCount(DEVICE, DEVICE.BATCH_ID.eq(batch).and(DEVICE.STATE.notIn(terminal))) == 0;
    }

    public List<DeviceEvent.Type> eventTypes(String providerId) {
        return DatabaseFixture.dsl(db).select(DEVICE_EVENT.TYPE).from(DEVICE_EVENT).join(DEVICE).on(DEVICE.ID.eq(DEVICE_EVENT.DEVICE_ID))
                .where(DEVICE.PROVIDER_ID.eq(providerId)).orderBy(DEVICE_EVENT.ID)
                .fetch(r -> DeviceEvent.Type.fromId(r.value1()));
    }

    /** The types of a device's events written by one worker, in order. */
    public List<DeviceEvent.Type> eventTypes(long deviceId, String worker) {
        return DatabaseFixture.dsl(db).select(DEVICE_EVENT.TYPE).from(DEVICE_EVENT).where(DEVICE_EVENT.DEVICE_ID.eq(deviceId))
                .and(DEVICE_EVENT.WORKER.eq(worker)).orderBy(DEVICE_EVENT.ID).fetch(r -> DeviceEvent.Type.fromId(r.value1()));
    }

    /** How many mergeProvider sends a device's history records. */
    public int sentCount(long deviceId) {
        return DatabaseFixture.dsl(db).fetchCount(DEVICE_EVENT, DEVICE_EVENT.DEVICE_ID.eq(deviceId)
                .and(DEVICE_EVENT.TYPE.eq(DeviceEvent.Type.SENT.id())));
    }

    /** Polls until the condition holds; the deadline is a hang guard, not what is tested. */
    public static void await(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Merges the simulator received per provider id that created a provider, for every id that got more than one. */
    public Map<String, Long> duplicateCreations() {
        return simulator.ledger().entries().stream().map(e -> e.providerId()).distinct()
                .filter(id -> simulator.ledger().creations(id) > 1)
                .collect(Collectors.toMap(id -> id, id -> simulator.ledger().creations(id)));
    }

    @Override
    public void close() {
        workers.forEach(ProvisioningWorker::close);
        jobs.close();
        db.close();
    }

    /** Devices named by some job in {@code state} (JobRunr's storage read through its public API). */
    public java.util.Set<Long> devicesInJobs(org.jobrunr.jobs.states.StateName state) {
        return new java.util.HashSet<>(com.fleetprovisioner.queue.testing.QueuedDevices.in(jobs, db, state));
    }
}
