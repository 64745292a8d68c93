package com.fleetprovisioner.db.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.BatchRepository;
import com.fleetprovisioner.core.intake.DeviceValues;
import com.fleetprovisioner.core.intake.IntakeDefaults;
import com.fleetprovisioner.core.intake.IntakeRow;
import com.fleetprovisioner.core.intake.RowFilter;
import com.fleetprovisioner.core.intake.RowStatus;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The preview's keyset pages over a 100,000-row batch with gaps in its row numbers (a partial submit
 * leaves them) and a neighbouring batch: first, middle and last pages forward and back, every filter,
 * a page by number alone, and cursors outside the batch.
 */
class BatchRowPagesIT {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final int ROWS = 100_000;
    private static final int PAGE = 50;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void pagesOfAHundredThousandRowsSeekToTheirRowsInEveryFilter(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", NOW).id();
            JooqBatchRepository batches = new JooqBatchRepository(DatabaseFixture.dsl(db));
            long before = create(batches, user);
            long id = create(batches, user);
            long after = create(batches, user);
            List<IntakeRow> rows = rows();
            for (int from = 0; from < rows.size(); from += 500) {
                batches.insertRows(id, rows.subList(from, Math.min(rows.size(), from + 500)));
            }
            // rows of other batches on both sides of this one's keys, every status
            batches.insertRows(before, List.of(row(1, RowStatus.ERROR), row(200_000, RowStatus.WARNING)));
            batches.insertRows(after, List.of(row(1, RowStatus.DUPLICATE), row(3, RowStatus.VALID), row(900_000, RowStatus.EXISTING)));

            for (RowFilter filter : RowFilter.values()) {
                List<Integer> all = rows.stream().filter(r -> filter.includes(r.status())).map(IntakeRow::rowNumber).toList();
                assertThat(all).as("%s has rows to page", filter).hasSizeGreaterThan(3 * PAGE);
                int middle = all.size() / 2;
                int last = (all.size() - 1) / PAGE * PAGE;

                assertThat(numbers(batches.pageAfter(id, filter, Integer.MIN_VALUE, PAGE))).as("%s first", filter)
                        .isEqualTo(all.subList(0, PAGE));
                assertThat(numbers(batches.pageAfter(id, filter, all.get(middle - 1), PAGE))).as("%s middle", filter)
                        .isEqualTo(all.subList(middle, middle + PAGE));
                assertThat(numbers(batches.pageAfter(id, filter, all.get(last - 1), PAGE))).as("%s last", filter)
                        .isEqualTo(all.subList(last, all.size()));
                assertThat(batches.pageAfter(id, filter, all.get(all.size() - 1), PAGE)).as("%s past the end", filter).isEmpty();
                assertThat(batches.pageAfter(id, filter, Integer.MAX_VALUE, PAGE)).isEmpty();

                assertThat(numbers(batches.pageBefore(id, filter, all.get(middle), PAGE))).as("%s back from middle", filter)
                        .isEqualTo(all.subList(middle - PAGE, middle));
                assertThat(numbers(batches.pageBefore(id, filter, Integer.MAX_VALUE, PAGE))).as("%s back from the end", filter)
                        .isEqualTo(all.subList(all.size() - PAGE, all.size()));
                assertThat(numbers(batches.pageBefore(id, filter, all.get(PAGE / 2), PAGE))).as("%s back to the start", filter)
                        .isEqualTo(all.subList(0, PAGE / 2));
                assertThat(batches.pageBefore(id, filter, all.get(0), PAGE)).isEmpty();
                assertThat(batches.pageBefore(id, filter, Integer.MIN_VALUE, PAGE)).isEmpty();

                assertThat(batches.rowAt(id, filter, 0)).hasValue(all.get(0));
                assertThat(batches.rowAt(id, filter, middle)).hasValue(all.get(middle));
                assertThat(batches.rowAt(id, filter, all.size() - 1)).hasValue(all.get(all.size() - 1));
                assertThat(batches.rowAt(id, filter, all.size())).isEmpty();
                assertThat(batches.rowAt(id, filter, Integer.MAX_VALUE)).isEmpty();
            }
            // what the problems export does: walk every problem row forward, 1,000 at a time
            List<Integer> problems = rows.stream().filter(r -> r.status().problem()).map(IntakeRow::rowNumber).toList();
            assertThat(walk(batches, id, RowFilter.PROBLEMS, 1_000)).isEqualTo(problems);
            assertThat(walk(batches, id, RowFilter.ERRORS, 7)).isEqualTo(
                    rows.stream().filter(r -> r.status() == RowStatus.ERROR).map(IntakeRow::rowNumber).toList());
            assertThat(numbers(batches.pageAfter(before, RowFilter.PROBLEMS, 0, 10))).containsExactly(1, 200_000);
            assertThat(numbers(batches.pageBefore(after, RowFilter.ALL, Integer.MAX_VALUE, 10))).containsExactly(1, 3, 900_000);
        }
    }

    /** A submit leaves its rows' status alone: past the draft, valid and warned rows read back as queued. */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aSubmittedBatchShowsItsSubmittableRowsQueuedAndNoLongerAsProblems(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", NOW).id();
            JooqBatchRepository batches = new JooqBatchRepository(DatabaseFixture.dsl(db));
            long id = create(batches, user);
            long discarded = create(batches, user);
            List<IntakeRow> rows = List.of(row(2, RowStatus.VALID), row(3, RowStatus.WARNING), row(4, RowStatus.ERROR),
                    row(5, RowStatus.DUPLICATE), row(6, RowStatus.WARNING), row(7, RowStatus.QUEUED));
            batches.insertRows(id, rows);
            batches.insertRows(discarded, rows);
            assertThat(batches.transition(discarded, Batch.State.DRAFT, Batch.State.DISCARDED, Optional.of(user), NOW)).isTrue();
            assertThat(statuses(batches.pageAfter(id, RowFilter.ALL, 0, 10))).containsExactly(RowStatus.VALID,
                    RowStatus.WARNING, RowStatus.ERROR, RowStatus.DUPLICATE, RowStatus.WARNING, RowStatus.QUEUED);

            assertThat(batches.transition(id, Batch.State.DRAFT, Batch.State.SUBMITTED, Optional.of(user), NOW)).isTrue();
            batches.markTakenMeanwhile(id, List.of(6), Text.of("intake.row.takenMeanwhile"));
            List<RowStatus> shown = List.of(RowStatus.QUEUED, RowStatus.QUEUED, RowStatus.ERROR, RowStatus.DUPLICATE,
                    RowStatus.EXISTING, RowStatus.QUEUED);
            assertThat(statuses(batches.pageAfter(id, RowFilter.ALL, 0, 10))).isEqualTo(shown);
            assertThat(statuses(batches.pageBefore(id, RowFilter.ALL, Integer.MAX_VALUE, 10))).isEqualTo(shown);
            assertThat(numbers(batches.pageAfter(id, RowFilter.PROBLEMS, 0, 10))).containsExactly(4, 5, 6);
            assertThat(numbers(batches.pageBefore(id, RowFilter.PROBLEMS, Integer.MAX_VALUE, 2))).containsExactly(5, 6);
            assertThat(batches.rowAt(id, RowFilter.PROBLEMS, 0)).hasValue(4);
            assertThat(statuses(batches.pageAfter(discarded, RowFilter.ALL, 0, 10))).containsExactly(RowStatus.VALID,
                    RowStatus.WARNING, RowStatus.ERROR, RowStatus.DUPLICATE, RowStatus.WARNING, RowStatus.QUEUED);
            assertThat(numbers(batches.pageAfter(discarded, RowFilter.PROBLEMS, 0, 10))).containsExactly(3, 4, 5, 6);
        }
    }

    private static List<RowStatus> statuses(List<IntakeRow> rows) {
        return rows.stream().map(IntakeRow::status).toList();
    }

    private static List<Integer> walk(JooqBatchRepository batches, long id, RowFilter filter, int limit) {
        List<Integer> read = new ArrayList<>();
        int after = 0;
        for (List<IntakeRow> page = batches.pageAfter(id, filter, after, limit); !page.isEmpty();
                page = batches.pageAfter(id, filter, after, limit)) {
            assertThat(page).hasSizeLessThanOrEqualTo(limit);
            read.addAll(numbers(page));
            after = page.get(page.size() - 1).rowNumber();
        }
        return read;
    }

    private static long create(JooqBatchRepository batches, long user) {
        return batches.create(new BatchRepository.NewBatch(Batch.Source.UPLOAD, Optional.of("big.csv"), Optional.empty(), 1,
                IntakeDefaults.none(), user, NOW));
    }

    /** 100,000 rows from row 2, every row number ending in 5 missing; a mix of every status. */
    private static List<IntakeRow> rows() {
        List<IntakeRow> rows = new ArrayList<>(ROWS);
        for (int n = 2; rows.size() < ROWS; n++) {
            if (n % 10 != 5) {
                rows.add(row(n, n % 97 == 0 ? RowStatus.ERROR : n % 13 == 0 ? RowStatus.WARNING
                        : n % 1_001 == 0 ? RowStatus.DUPLICATE : n % 4_999 == 0 ? RowStatus.EXISTING : RowStatus.VALID));
            }
        }
        return rows;
    }

    private static IntakeRow row(int number, RowStatus status) {
        return new IntakeRow(number, List.of("35693803" + String.format("%07d", number), "genx"), DeviceValues.empty(),
                status, List.of(), Optional.empty());
    }

    private static List<Integer> numbers(List<IntakeRow> rows) {
        return rows.stream().map(IntakeRow::rowNumber).toList();
    }
}
