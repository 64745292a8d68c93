package com.fleetprovisioner.db.notify;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.notify.Channel;
import com.fleetprovisioner.core.notify.DeliveryState;
import com.fleetprovisioner.core.notify.EndedBatch;
import com.fleetprovisioner.core.notify.EventType;
import com.fleetprovisioner.core.notify.NewDelivery;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.DashboardFixtures;
import com.fleetprovisioner.db.pipeline.JooqPipelineState;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NotificationRepositoryIT {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anEndedBatchIsListedWithItsCountsAndClaimedOnce(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            var repo = new JooqNotificationRepository(DatabaseFixture.dsl(db));
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("ops", Role.OPERATOR, "x", T0).id();
            long ended = DashboardFixtures.batch(DatabaseFixture.dsl(db), user, "submitted", Optional.of("fleet.csv"), T0);
            long running = DashboardFixtures.batch(DatabaseFixture.dsl(db), user, "sending", Optional.of("other.csv"), T0);
            DashboardFixtures.devices(DatabaseFixture.dsl(db), ended, user, T0, List.of("A1", "A2", "A3", "A4"));
            DashboardFixtures.state(DatabaseFixture.dsl(db), "A2", "failed");
            DashboardFixtures.state(DatabaseFixture.dsl(db), "A3", "failed");
            DashboardFixtures.provisioned(DatabaseFixture.dsl(db), "A1", T0);
            DashboardFixtures.state(DatabaseFixture.dsl(db), "A4", "cancelled");
            endBatch(db, ended, "completed_with_failures");
            assertThat(running).isPositive();

            List<EndedBatch> found = repo.unnotifiedEndedBatches(10);
            assertThat(found).singleElement().satisfies(b -> {
                assertThat(b.batchId()).isEqualTo(ended);
                assertThat(b.fileName()).contains("fleet.csv");
                assertThat(b.state()).isEqualTo(Batch.State.COMPLETED_WITH_FAILURES);
                assertThat(b.submittedBy()).isEqualTo(user);
                assertThat(b.submitterName()).contains("ops");
                assertThat(b.count(DeviceState.PROVISIONED)).isEqualTo(1);
                assertThat(b.count(DeviceState.FAILED)).isEqualTo(2);
                assertThat(b.count(DeviceState.CANCELLED)).isEqualTo(1);
                assertThat(b.total()).isEqualTo(4);
            });
            assertThat(repo.claimBatch(ended, T0)).isTrue();
            assertThat(repo.claimBatch(ended, T0)).as("a second worker loses").isFalse();
            assertThat(repo.unnotifiedEndedBatches(10)).isEmpty();

            // devices requeued after the end, then the batch ends again: a new end to notify
            DatabaseFixture.dsl(db).update(BATCH).set(BATCH.ENDED_AT, T0.plusSeconds(600)).where(BATCH.ID.eq(ended)).execute();
            assertThat(repo.unnotifiedEndedBatches(10)).extracting(EndedBatch::endedAt).containsExactly(T0.plusSeconds(600));
            assertThat(repo.claimBatch(ended, T0)).as("the old end").isFalse();
            assertThat(repo.claimBatch(ended, T0.plusSeconds(600))).isTrue();
            assertThat(repo.unnotifiedEndedBatches(10)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aDeliveryIsCreatedOncePerRecipientAndFollowsItsAttempts(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            var repo = new JooqNotificationRepository(DatabaseFixture.dsl(db));
            long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("admin", Role.ADMIN, "x", T0).id();
            long hook = repo.addWebhook("ops", "https://hooks.example.com/x", "v1:sealed", user, T0);
            NewDelivery delivery = new NewDelivery("batch.ended/7", EventType.BATCH_ENDED, Channel.WEBHOOK,
                    "https://hooks.example.com/x", "webhook:" + hook, Optional.of(hook), "Batch 7", "{}");
            long id = repo.createDelivery(delivery, T0).orElseThrow();
            assertThat(repo.createDelivery(delivery, T0)).as("same event, same recipient").isEmpty();
            assertThat(repo.due(T0, 10)).extracting(d -> d.id()).containsExactly(id);

            repo.attemptFailed(id, 1, "IOException: HTTP 500", Optional.of(T0.plusSeconds(30)), T0);
            assertThat(repo.due(T0.plusSeconds(29), 10)).isEmpty();
            assertThat(repo.due(T0.plusSeconds(30), 10)).singleElement()
                    .satisfies(d -> assertThat(d.state()).isEqualTo(DeliveryState.RETRYING));
            repo.delivered(id, 2, T0.plusSeconds(31));
            assertThat(repo.delivery(id)).get().satisfies(d -> {
                assertThat(d.state()).isEqualTo(DeliveryState.DELIVERED);
                assertThat(d.attempts()).isEqualTo(2);
                assertThat(d.lastError()).contains("IOException: HTTP 500");
                assertThat(d.deliveredAt()).contains(T0.plusSeconds(31));
            });
            assertThat(repo.due(T0.plusSeconds(60), 10)).isEmpty();
            assertThat(repo.recent(10)).hasSize(1);

            assertThat(repo.sealedSecret(hook)).contains("v1:sealed");
            assertThat(repo.removeWebhook(hook, T0)).isTrue();
            assertThat(repo.removeWebhook(hook, T0)).isFalse();
            assertThat(repo.webhooks()).isEmpty();
            assertThat(repo.sealedSecret(hook)).isEmpty();
            assertThat(repo.recent(10)).as("the log keeps deliveries of removed webhooks").hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aPipelineStopIsClaimedOnceAndANewStopAgain(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            var repo = new JooqNotificationRepository(DatabaseFixture.dsl(db));
            var pipeline = new JooqPipelineState(DatabaseFixture.dsl(db));
            assertThat(repo.claimPipelineStop(T0)).isEmpty();
            pipeline.stop(4, "Invalid credentials", T0);
            assertThat(repo.claimPipelineStop(T0)).get()
                    .satisfies(s -> assertThat(s.stoppedReason()).contains("Invalid credentials"));
            assertThat(repo.claimPipelineStop(T0)).isEmpty();
            pipeline.resume(T0.plusSeconds(60));
            pipeline.stop(4, "Account suspended", T0.plusSeconds(120));
            assertThat(repo.claimPipelineStop(T0.plusSeconds(120))).get()
                    .satisfies(s -> assertThat(s.stoppedReason()).contains("Account suspended"));
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void usersChooseTheirAddressAndMayOptOut(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            var repo = new JooqNotificationRepository(DatabaseFixture.dsl(db));
            var users = new JooqUserRepository(DatabaseFixture.dsl(db));
            long admin = users.create("admin", Role.ADMIN, "x", T0).id();
            long other = users.create("boss", Role.ADMIN, "x", T0).id();
            assertThat(repo.recipient(admin)).as("no address yet").get()
                    .satisfies(r -> assertThat(r.wantsEmail()).isFalse());
            repo.saveEmailPreferences(admin, Optional.of("admin@example.com"), false, T0);
            repo.saveEmailPreferences(other, Optional.of("boss@example.com"), true, T0);
            assertThat(repo.recipient(admin)).get().satisfies(r -> {
                assertThat(r.email()).isEqualTo("admin@example.com");
                assertThat(r.optedOut()).isFalse();
            });
            assertThat(repo.admins()).extracting(r -> r.email() + "/" + r.optedOut())
                    .containsExactly("admin@example.com/false", "boss@example.com/true");
        }
    }

    static void endBatch(Database db, long batchId, String state) {
        DatabaseFixture.dsl(db).update(BATCH).set(BATCH.STATE, state).set(BATCH.ENDED_AT, T0).where(BATCH.ID.eq(batchId)).execute();
    }
}
