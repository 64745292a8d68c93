package com.fleetprovisioner.db.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.reconcile.ReconcileCategory;
import com.fleetprovisioner.core.reconcile.ReconcileRow;
import com.fleetprovisioner.core.reconcile.ReconcileRun;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A run's rows on both databases: an id a server lists twice (in one page or across pages) keeps its first
 * row, so each device stays in one category; a run begun again (after a crashed worker) starts over.
 */
class JooqReconcileRepositoryIT {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anIdListedTwiceKeepsItsFirstRowAndARestartDropsTheRows(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            JooqReconcileRepository runs = new JooqReconcileRepository(DatabaseFixture.dsl(db));
            Instant now = Instant.now();
            long id = runs.create(42, ReconcileRun.Trigger.API, Optional.empty(), now);
            assertThat(runs.begin(id, now)).isPresent();
            runs.addRows(id, List.of(row("a", ReconcileCategory.UNKNOWN_HERE), row("b", ReconcileCategory.UNKNOWN_HERE)));
            runs.addRows(id, List.of(row("b", ReconcileCategory.MATCHED), row("c", ReconcileCategory.MATCHED),
                    row("c", ReconcileCategory.PENDING_HERE)));
            runs.complete(id, now);
            ReconcileRun run = runs.find(id).orElseThrow();
            assertThat(run.count(ReconcileCategory.UNKNOWN_HERE)).isEqualTo(2);
            assertThat(run.count(ReconcileCategory.MATCHED)).isEqualTo(1);
            assertThat(run.count(ReconcileCategory.PENDING_HERE)).isZero();
            List<String> all = new ArrayList<>();
            runs.forEachRow(id, Optional.empty(), r -> all.add(r.category().id() + ":" + r.providerId().substring(8)));
            assertThat(all).containsExactly("matched:c", "unknownHere:a", "unknownHere:b");
            assertThat(runs.begin(id, now)).as("a completed run is not begun again").isEmpty();

            long crashed = runs.create(42, ReconcileRun.Trigger.PAGE, Optional.empty(), now);
            runs.begin(crashed, now);
            runs.addRows(crashed, List.of(row("x", ReconcileCategory.MATCHED)));
            assertThat(runs.begin(crashed, now)).as("a run left running starts over").isPresent();
            assertThat(runs.rows(crashed, ReconcileCategory.MATCHED, Optional.empty(), 10)).isEmpty();
        }
    }

    private static ReconcileRow row(String id, ReconcileCategory category) {
        return new ReconcileRow("35693803" + id, category, Optional.of("genx"), Optional.of(42L), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
