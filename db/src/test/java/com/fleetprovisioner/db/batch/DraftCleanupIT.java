package com.fleetprovisioner.db.batch;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.DraftCleanup;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.audit.JooqAuditLog;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.MutableClock;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Drafts untouched for the retention are discarded and audited; newer drafts and submitted batches stay. */
class DraftCleanupIT {
    private static final Instant START = Instant.parse("2026-11-01T08:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void draftsUntouchedForTheRetentionAreDiscardedAndAudited(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", START).id();
            long old = batch(db, user, "draft", START);
            long oldSubmitted = batch(db, user, "submitted", START);
            long recent = batch(db, user, "draft", START.plus(Duration.ofDays(10)));
            MutableClock clock = new MutableClock(START.plus(Duration.ofDays(14)).plusSeconds(1));
            JooqAuditLog audit = new JooqAuditLog(DatabaseFixture.dsl(db));
            JooqBatchRepository batches = new JooqBatchRepository(DatabaseFixture.dsl(db));
            DraftCleanup cleanup = new DraftCleanup(batches, audit, db.transactions(), Duration.ofDays(14), clock);

            assertThat(cleanup.discardStale()).isEqualTo(1);
            assertThat(batches.find(old).orElseThrow().state()).isEqualTo(Batch.State.DISCARDED);
            assertThat(batches.find(oldSubmitted).orElseThrow().state()).isEqualTo(Batch.State.SUBMITTED);
            assertThat(batches.find(recent).orElseThrow().state()).isEqualTo(Batch.State.DRAFT);
            assertThat(audit.recent(5)).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("batch.discard.stale");
                assertThat(e.target()).isEqualTo("batch " + old);
                assertThat(e.actor().name()).isEqualTo("system");
            });
            assertThat(cleanup.discardStale()).as("once").isZero();

            assertThat(new DraftCleanup(batches, audit, db.transactions(), Duration.ZERO, clock).discardStale())
                    .as("a retention of zero keeps drafts").isZero();
            clock.advance(Duration.ofDays(10));
            assertThat(cleanup.discardStale()).isEqualTo(1);
            assertThat(batches.find(recent).orElseThrow().state()).isEqualTo(Batch.State.DISCARDED);
        }
    }

    private static long batch(Database db, long user, String state, Instant at) {
        return DatabaseFixture.dsl(db).insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, state)
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, at).set(BATCH.UPDATED_AT, at)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
    }
}
