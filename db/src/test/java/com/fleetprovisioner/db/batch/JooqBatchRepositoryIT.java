package com.fleetprovisioner.db.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.BatchRepository;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.core.intake.DeviceValues;
import com.fleetprovisioner.core.intake.IntakeDefaults;
import com.fleetprovisioner.core.intake.IntakeRow;
import com.fleetprovisioner.core.intake.RowFilter;
import com.fleetprovisioner.core.intake.RowMessage;
import com.fleetprovisioner.core.intake.RowStatus;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqBatchRepositoryIT {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aDraftKeepsItsRowsAsReadAndUnderstoodAndMovesOnOnlyOnce(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", NOW).id();
            JooqBatchRepository batches = new JooqBatchRepository(DatabaseFixture.dsl(db));
            long id = batches.create(new BatchRepository.NewBatch(Batch.Source.UPLOAD, Optional.of("d.csv"),
                    Optional.of("ab".repeat(32)), 123, new IntakeDefaults(Optional.of(42L), Optional.of("genx")), user, NOW));
            String huge = "x".repeat(40_000);
            batches.insertRows(id, List.of(
                    row(2, List.of("356938035643809", "genx"), RowStatus.VALID, List.of()),
                    row(3, List.of("123", huge), RowStatus.ERROR, List.of(RowMessage.error(DeviceField.ID, "IMEI", "too short"))),
                    row(4, List.of("356938035643817", "genx"), RowStatus.WARNING,
                            List.of(RowMessage.warning(DeviceField.ID, "IMEI", "check digit")))));
            batches.finish(id, List.of("IMEI", "Kind"), List.of("Column \"X\" is not used."),
                    new Batch.Counts(3, 1, 1, 1, 0, 0), NOW);

            Batch batch = batches.find(id).orElseThrow();
            assertThat(batch.header()).containsExactly("IMEI", "Kind");
            assertThat(batch.notices()).containsExactly("Column \"X\" is not used.");
            assertThat(batch.counts()).isEqualTo(new Batch.Counts(3, 1, 1, 1, 0, 0));
            assertThat(batch.defaults()).isEqualTo(new IntakeDefaults(Optional.of(42L), Optional.of("genx")));
            assertThat(batches.pageAfter(id, RowFilter.PROBLEMS, 0, 10)).extracting(IntakeRow::rowNumber).containsExactly(3, 4);
            IntakeRow cut = batches.pageAfter(id, RowFilter.ALL, 2, 1).get(0);
            assertThat(cut.cells().get(1)).hasSizeLessThan(1100).endsWith("…");
            assertThat(cut.messages()).containsExactly(RowMessage.error(DeviceField.ID, "IMEI", "too short"));
            assertThat(batches.pageAfter(id, RowFilter.ERRORS, 0, 10)).extracting(IntakeRow::rowNumber).containsExactly(3);
            assertThat(batches.pageAfter(id, RowFilter.PROBLEMS, 0, 10)).extracting(IntakeRow::rowNumber).containsExactly(3, 4);
            assertThat(batches.submittable(id, 0, 10)).extracting(IntakeRow::rowNumber).containsExactly(2, 4);

            assertThat(batches.transition(id, Batch.State.DRAFT, Batch.State.SUBMITTED, Optional.of(user), NOW)).isTrue();
            assertThat(batches.transition(id, Batch.State.DRAFT, Batch.State.SUBMITTED, Optional.of(user), NOW)).isFalse();
            assertThat(batches.transition(id, Batch.State.DRAFT, Batch.State.DISCARDED, Optional.of(user), NOW)).isFalse();
            batches.markTakenMeanwhile(id, List.of(4), Text.of("intake.row.takenMeanwhile"));
            batches.setDevicesQueued(id, 1, NOW);
            assertThat(batches.pageAfter(id, RowFilter.ALL, 0, 10)).extracting(IntakeRow::status)
                    .containsExactly(RowStatus.QUEUED, RowStatus.ERROR, RowStatus.EXISTING);
            assertThat(batches.pageAfter(id, RowFilter.ALL, 3, 1).get(0).summary(Text::toString))
                    .isEqualTo("IMEI: check digit; intake.row.takenMeanwhile");
            Batch submitted = batches.find(id).orElseThrow();
            assertThat(submitted.state()).isEqualTo(Batch.State.SUBMITTED);
            assertThat(submitted.submittedAt()).hasValue(NOW);
            assertThat(submitted.devicesQueued()).isEqualTo(1);
        }
    }

    /** Submit reads the rows in windows of row numbers: gaps wider than a window, the last int, any page size. */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void submittableRowsComeInRowOrderAcrossGapsAndUpToTheLastRowNumber(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", NOW).id();
            JooqBatchRepository batches = new JooqBatchRepository(DatabaseFixture.dsl(db));
            long other = batches.create(new BatchRepository.NewBatch(Batch.Source.UPLOAD, Optional.empty(), Optional.empty(),
                    1, IntakeDefaults.none(), user, NOW));
            long id = batches.create(new BatchRepository.NewBatch(Batch.Source.UPLOAD, Optional.empty(), Optional.empty(),
                    1, IntakeDefaults.none(), user, NOW));
            List<Integer> numbers = List.of(2, 3, 4, 7, 8, 1_000, 1_001, 5_000_000, Integer.MAX_VALUE - 1, Integer.MAX_VALUE);
            List<IntakeRow> rows = new java.util.ArrayList<>();
            for (int n : numbers) {
                rows.add(row(n, List.of("3569380356" + Math.floorMod(n, 100_000), "genx"),
                        n % 3 == 0 ? RowStatus.ERROR : n % 5 == 0 ? RowStatus.WARNING : RowStatus.VALID, List.of()));
            }
            batches.insertRows(id, rows);
            batches.insertRows(other, List.of(row(5, List.of("356938035643809", "genx"), RowStatus.VALID, List.of()),
                    row(9, List.of("356938035643817", "genx"), RowStatus.VALID, List.of())));
            List<Integer> wanted = rows.stream().filter(r -> r.status().submittable()).map(IntakeRow::rowNumber).toList();

            for (int limit : List.of(1, 2, 3, 500)) {
                List<Integer> read = new java.util.ArrayList<>();
                int after = 0;
                for (List<IntakeRow> page = batches.submittable(id, after, limit); !page.isEmpty();
                        page = batches.submittable(id, after, limit)) {
                    assertThat(page).hasSizeLessThanOrEqualTo(limit);
                    page.forEach(r -> read.add(r.rowNumber()));
                    after = page.get(page.size() - 1).rowNumber();
                }
                assertThat(read).as("limit %d", limit).isEqualTo(wanted);
            }
            assertThat(batches.submittable(id, Integer.MAX_VALUE, 10)).isEmpty();
            assertThat(batches.submittable(id, Integer.MAX_VALUE - 1, 10)).extracting(IntakeRow::rowNumber)
                    .containsExactly(Integer.MAX_VALUE);
            assertThat(batches.submittable(id, -5, 2)).extracting(IntakeRow::rowNumber).containsExactly(2, 4);
        }
    }

    private static IntakeRow row(int number, List<String> cells, RowStatus status, List<RowMessage> messages) {
        DeviceValues values = status == RowStatus.ERROR ? DeviceValues.empty()
                : new DeviceValues(Optional.of(cells.get(0)), Optional.of("genx"), Optional.of(42L), Optional.empty(),
                        Optional.of("v1:sealed"), Optional.empty(), Optional.empty());
        return new IntakeRow(number, cells, values, status, messages, Optional.empty());
    }
}
