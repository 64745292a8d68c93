package com.fleetprovisioner.db.batch;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.IntakeDefaults;
import com.fleetprovisioner.core.intake.IntakeLimits;
import com.fleetprovisioner.core.intake.IntakeRow;
import com.fleetprovisioner.core.intake.IntakeService;
import com.fleetprovisioner.core.intake.RowFilter;
import com.fleetprovisioner.core.intake.RowStatus;
import com.fleetprovisioner.core.intake.SheetFiles;
import com.fleetprovisioner.core.intake.SubmitService;
import com.fleetprovisioner.core.intake.Upload;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.audit.JooqAuditLog;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.DashboardFixtures;
import com.fleetprovisioner.db.device.DeviceCounters;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.RecordingQueue;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A corrected file uploaded again: rows for failed or cancelled devices are offered as replacements
 * (a warning to acknowledge, not a skip) and submitting moves those device records into the new batch
 * with the new values, queued again; provisioned and queued devices are still never touched.
 */
class ReplaceOnReuploadIT {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void failedAndCancelledDevicesAreReplacedAndTheOthersSkipped(DatabaseKind kind, @TempDir Path dir) throws Exception {
        try (Database db = TestDatabases.migrated(kind)) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", NOW).id();
            Actor actor = Actor.user(user, "op", "127.0.0.1");
            long old = DashboardFixtures.batch(DatabaseFixture.dsl(db), user, "completed_with_failures", Optional.of("first.csv"), NOW);
            List<String> ids = List.of("356938035643801", "356938035643802", "356938035643803", "356938035643804");
            DashboardFixtures.devices(DatabaseFixture.dsl(db), old, user, NOW, ids);
            DashboardFixtures.state(DatabaseFixture.dsl(db), ids.get(0), "failed");
            DashboardFixtures.state(DatabaseFixture.dsl(db), ids.get(1), "cancelled");
            DashboardFixtures.provisioned(DatabaseFixture.dsl(db), ids.get(2), NOW);
            // ids.get(3) stays queued

            JooqBatchRepository batches = new JooqBatchRepository(DatabaseFixture.dsl(db));
            JooqDeviceIntake devices = new JooqDeviceIntake(DatabaseFixture.dsl(db));
            JooqAuditLog audit = new JooqAuditLog(DatabaseFixture.dsl(db));
            SecretBox secrets = SecretBox.random();
            RecordingQueue queue = new RecordingQueue();
            List<Long> enqueued = queue.asked();
            IntakeService intake = new IntakeService(db.transactions(), batches, devices, () -> Set.of(42L, 43L),
                    new SheetFiles(IntakeLimits.defaults()), secrets, audit, clock);
            SubmitService submit = new SubmitService(db.transactions(), batches, devices, intake, secrets,
                    queue, audit, clock);

            Path csv = Files.writeString(dir.resolve("fixed.csv"), "IMEI,Kind,Company,Phone\n"
                    + String.join(",", ids.get(0), "teltonika", "43", "5550100199") + "\n"
                    + String.join(",", ids.get(1), "queclink", "43", "") + "\n"
                    + String.join(",", ids.get(2), "genx", "43", "") + "\n"
                    + String.join(",", ids.get(3), "genx", "43", "") + "\n");
            Batch preview = intake.upload(actor, new Upload(csv, "fixed.csv", IntakeDefaults.none(), Batch.Source.UPLOAD));
            Map<String, IntakeRow> rows = new java.util.HashMap<>();
            intake.page(preview.id(), RowFilter.ALL, 0, 10)
                    .forEach(r -> rows.put(r.cells().get(0), r));
            assertThat(rows.get(ids.get(0)).status()).isEqualTo(RowStatus.WARNING);
            assertThat(rows.get(ids.get(0)).messages()).anySatisfy(m -> assertThat(m.text())
                    .isEqualTo(Text.of("intake.row.replaces.failed", old)));
            assertThat(rows.get(ids.get(1)).messages()).anySatisfy(m -> assertThat(m.text())
                    .isEqualTo(Text.of("intake.row.replaces.cancelled", old)));
            assertThat(rows.get(ids.get(2)).status()).isEqualTo(RowStatus.EXISTING);
            assertThat(rows.get(ids.get(3)).status()).isEqualTo(RowStatus.EXISTING);

            SubmitService.SubmitResult result = submit.submit(actor, preview.id(), true);
            assertThat(result.devicesQueued()).isEqualTo(2);
            var moved = DatabaseFixture.dsl(db).selectFrom(DEVICE).where(DEVICE.PROVIDER_ID.eq(ids.get(0))).fetchOne();
            assertThat(moved.getBatchId()).isEqualTo(preview.id());
            assertThat(moved.getState()).isEqualTo("queued");
            assertThat(moved.getKind()).isEqualTo("teltonika");
            assertThat(moved.getCompanyId()).isEqualTo(43);
            assertThat(moved.getPhoneNumber()).isEqualTo("5550100199");
            assertThat(moved.getRequeueGeneration()).isEqualTo(1);
            assertThat(enqueued).contains(moved.getId());
            assertThat(DatabaseFixture.dsl(db).selectFrom(DEVICE).where(DEVICE.PROVIDER_ID.eq(ids.get(2))).fetchOne().getBatchId())
                    .as("a provisioned device is never replaced").isEqualTo(old);
            assertThat(DatabaseFixture.dsl(db).selectFrom(DEVICE).where(DEVICE.PROVIDER_ID.eq(ids.get(3))).fetchOne().getState())
                    .isEqualTo("queued");
            assertThat(DatabaseFixture.dsl(db).fetchCount(DEVICE)).as("no device was added twice").isEqualTo(4);

            DeviceCounters counters = new DeviceCounters(DatabaseFixture.dsl(db));
            assertThat(counters.ofBatch(preview.id())).containsEntry(DeviceState.QUEUED, 2L);
            assertThat(counters.ofBatch(old)).containsEntry(DeviceState.FAILED, 0L).containsEntry(DeviceState.CANCELLED, 0L)
                    .containsEntry(DeviceState.PROVISIONED, 1L).containsEntry(DeviceState.QUEUED, 1L);
            var recounted = counters.ofBatch(preview.id());
            counters.recount();
            assertThat(counters.ofBatch(preview.id())).as("the deltas agree with a recount").isEqualTo(recounted);
        }
    }
}
