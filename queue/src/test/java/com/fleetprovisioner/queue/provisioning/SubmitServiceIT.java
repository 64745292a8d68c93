package com.fleetprovisioner.queue.provisioning;

import static com.fleetprovisioner.db.jooq.Tables.AUDIT_LOG;
import static com.fleetprovisioner.db.jooq.Tables.BATCH_ROW;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.BatchRepository;
import com.fleetprovisioner.core.intake.DeviceValues;
import com.fleetprovisioner.core.intake.IntakeDefaults;
import com.fleetprovisioner.core.intake.IntakeLimits;
import com.fleetprovisioner.core.intake.IntakeRow;
import com.fleetprovisioner.core.intake.IntakeService;
import com.fleetprovisioner.core.intake.RowFilter;
import com.fleetprovisioner.core.intake.RowStatus;
import com.fleetprovisioner.core.intake.SheetFiles;
import com.fleetprovisioner.core.intake.SubmitFailedException;
import com.fleetprovisioner.core.intake.SubmitService;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.Repositories;
import com.fleetprovisioner.db.audit.JooqAuditLog;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.batch.JooqBatchRepository;
import com.fleetprovisioner.queue.provisioning.JobRunrProvisioningQueue;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.queue.testing.QueuedDevices;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jobrunr.jobs.states.StateName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A submit across several chunks, on the real repositories and JobRunr's real storage: whole when it
 * works, nothing at all when it fails half-way (the documented meaning of a failed submit), and safe to
 * submit again after.
 */
class SubmitServiceIT {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    /** Three chunks of at most 500 rows; the broken row sits in the third, after two chunks went in. */
    private static final int ROWS = 1_250;
    private static final int BROKEN_ROW = 1_100;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aBatchOfSeveralChunksIsQueuedWholeEachDeviceInOneJobAndOnlyOnce(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind); JobStorage jobs = JobStorage.open(db)) {
            Fixture fixture = new Fixture(db, jobs);
            long batch = fixture.draft(Optional.empty());

            SubmitService.SubmitResult result = fixture.submit.submit(fixture.actor, batch, false);

            assertThat(result).isEqualTo(new SubmitService.SubmitResult(batch, ROWS, false));
            assertThat(DatabaseFixture.dsl(db).fetchCount(DEVICE, DEVICE.BATCH_ID.eq(batch).and(DEVICE.STATE.eq("queued")))).isEqualTo(ROWS);
            assertThat(DatabaseFixture.dsl(db).fetchCount(DEVICE_EVENT, DEVICE_EVENT.TYPE.eq("queued"))).isEqualTo(ROWS);
            // the rows keep their status; past its draft the batch shows its submittable rows as queued
            assertThat(fixture.batches.pageAfter(batch, RowFilter.ALL, 0, ROWS + 1)).hasSize(ROWS)
                    .allMatch(r -> r.status() == RowStatus.QUEUED);
            assertThat(fixture.batches.find(batch).orElseThrow().devicesQueued()).isEqualTo(ROWS);
            assertThat(QueuedDevices.in(jobs, db, StateName.ENQUEUED)).as("each device in one job, after the commit")
                    .hasSize(ROWS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(fixture.deviceIds(batch));
            assertThat(QueuedDevices.ranges(jobs, StateName.ENQUEUED)).as("handed out in ranges, not a job per device")
                    .hasSizeBetween(1, JobRunrProvisioningQueue.DEFAULT_RANGES).allMatch(r -> r.batchId() == batch);
            assertThat(fixture.audited("batch.submit")).singleElement().asString().contains("queued=" + ROWS);

            SubmitService.SubmitResult again = fixture.submit.submit(fixture.actor, batch, false);
            assertThat(again).isEqualTo(new SubmitService.SubmitResult(batch, ROWS, true));
            assertThat(DatabaseFixture.dsl(db).fetchCount(DEVICE)).isEqualTo(ROWS);
            assertThat(QueuedDevices.in(jobs, db, StateName.ENQUEUED)).hasSize(ROWS).doesNotHaveDuplicates();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aSubmitFailingHalfWayQueuesNothingLeavesADraftAndCanBeSubmittedAgain(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind); JobStorage jobs = JobStorage.open(db)) {
            Fixture fixture = new Fixture(db, jobs);
            // stored as valid but without a kind, as a bug could leave it: the third chunk fails
            long batch = fixture.draft(Optional.of(BROKEN_ROW));

            SubmitFailedException failed = catchThrowableOfType(
                    () -> fixture.submit.submit(fixture.actor, batch, false), SubmitFailedException.class);

            assertThat(failed.batchId()).isEqualTo(batch);
            assertThat(failed.errorId()).isNotBlank();
            Batch after = fixture.batches.find(batch).orElseThrow();
            assertThat(after.state()).isEqualTo(Batch.State.DRAFT);
            assertThat(after.devicesQueued()).isZero();
            assertThat(DatabaseFixture.dsl(db).fetchCount(DEVICE)).as("the two chunks already inserted are rolled back").isZero();
            assertThat(DatabaseFixture.dsl(db).fetchCount(DEVICE_EVENT)).isZero();
            assertThat(fixture.batches.pageAfter(batch, RowFilter.ALL, 0, ROWS + 1)).hasSize(ROWS)
                    .noneMatch(r -> r.status() == RowStatus.QUEUED);
            assertThat(jobs.provider().getJobStats().getEnqueued()).isZero();
            assertThat(fixture.audited("batch.submit")).isEmpty();
            assertThat(fixture.audited("batch.submit.failed")).singleElement().asString()
                    .contains("errorId=" + failed.errorId()).contains("queued=0");

            DatabaseFixture.dsl(db).update(BATCH_ROW).set(BATCH_ROW.KIND, "genx")
                    .where(BATCH_ROW.BATCH_ID.eq(batch)).and(BATCH_ROW.ROW_NUMBER.eq(BROKEN_ROW)).execute();
            assertThat(fixture.submit.submit(fixture.actor, batch, false))
                    .isEqualTo(new SubmitService.SubmitResult(batch, ROWS, false));
            assertThat(DatabaseFixture.dsl(db).fetchCount(DEVICE)).isEqualTo(ROWS);
            assertThat(QueuedDevices.in(jobs, db, StateName.ENQUEUED)).hasSize(ROWS).doesNotHaveDuplicates();
        }
    }

    /** The submit as the web process wires it, over one database. */
    private static final class Fixture {
        final Database db;
        final JooqBatchRepository batches;
        final SubmitService submit;
        final Actor actor;
        final long userId;

        Fixture(Database db, JobStorage jobs) {
            this.db = db;
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            this.userId = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", NOW).id();
            this.actor = Actor.user(userId, "op", "127.0.0.1");
            this.batches = new JooqBatchRepository(DatabaseFixture.dsl(db));
            JooqDeviceIntake devices = new JooqDeviceIntake(DatabaseFixture.dsl(db));
            JooqAuditLog audit = new JooqAuditLog(DatabaseFixture.dsl(db));
            SecretBox secrets = SecretBox.random();
            IntakeService intake = new IntakeService(db.transactions(), batches, devices, () -> Set.of(42L),
                    new SheetFiles(IntakeLimits.defaults()), secrets, audit, clock);
            this.submit = new SubmitService(db.transactions(), batches, devices, intake, secrets,
                    new JobRunrProvisioningQueue(jobs, new Repositories(db).queueReads(), clock), audit, clock);
        }

        List<Long> deviceIds(long batch) {
            return DatabaseFixture.dsl(db).select(DEVICE.ID).from(DEVICE).where(DEVICE.BATCH_ID.eq(batch)).fetch(DEVICE.ID);
        }

        /** A previewed draft of {@link #ROWS} valid rows, one of them optionally without a kind. */
        long draft(Optional<Integer> brokenRow) {
            long id = batches.create(new BatchRepository.NewBatch(Batch.Source.UPLOAD, Optional.of("devices.csv"),
                    Optional.of("ab".repeat(32)), 1, IntakeDefaults.none(), userId, NOW));
            List<IntakeRow> rows = new ArrayList<>();
            for (int n = 2; n < ROWS + 2; n++) {
                String providerId = String.format("35693803%07d", n);
                Optional<String> kind = brokenRow.equals(Optional.of(n)) ? Optional.empty() : Optional.of("genx");
                rows.add(new IntakeRow(n, List.of(providerId, kind.orElse("")), new DeviceValues(Optional.of(providerId), kind,
                        Optional.of(42L), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                        RowStatus.VALID, List.of(), Optional.empty()));
                if (rows.size() == 500) {
                    batches.insertRows(id, rows);
                    rows.clear();
                }
            }
            batches.insertRows(id, rows);
            batches.finish(id, List.of("IMEI", "Kind"), List.of(), new Batch.Counts(ROWS, ROWS, 0, 0, 0, 0), NOW);
            return id;
        }

        List<String> audited(String action) {
            return DatabaseFixture.dsl(db).select(AUDIT_LOG.DETAILS).from(AUDIT_LOG).where(AUDIT_LOG.ACTION.eq(action))
                    .fetch(AUDIT_LOG.DETAILS);
        }
    }
}
