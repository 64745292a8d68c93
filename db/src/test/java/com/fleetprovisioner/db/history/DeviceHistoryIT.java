package com.fleetprovisioner.db.history;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.history.DeviceRecord;
import com.fleetprovisioner.core.history.HistoryCursor;
import com.fleetprovisioner.core.history.HistoryQuery;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceHistoryIT {
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void filtersAndKeysetPagesWalkEveryMatchingDeviceOnceInOrder(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            seed(db);
            JooqDeviceHistory history = new JooqDeviceHistory(DatabaseFixture.dsl(db));

            for (HistoryQuery.Order order : HistoryQuery.Order.values()) {
                HistoryQuery all = withOrder(HistoryQuery.everything(7), order);
                List<DeviceRecord> walked = walk(history, all);
                int expected = order == HistoryQuery.Order.LATEST_BILLING ? 10 : 30;
                assertThat(walked).as(order.id()).hasSize(expected).extracting(DeviceRecord::id).doesNotHaveDuplicates();
                List<DeviceRecord> streamed = new ArrayList<>();
                history.forEach(withOrder(HistoryQuery.everything(7), order), streamed::add);
                assertThat(streamed).as("export streams the same rows in the same order").isEqualTo(walked);
            }
            List<DeviceRecord> newest = walk(history, HistoryQuery.everything(7));
            assertThat(newest.get(0).providerId()).isEqualTo("860000000000029");
            assertThat(newest.get(29).providerId()).isEqualTo("860000000000000");

            HistoryQuery provisionedTeltonika = new HistoryQuery(Optional.of(DeviceState.PROVISIONED), Optional.empty(),
                    Optional.of("teltonika"), Optional.empty(), Optional.empty(), HistoryQuery.DateField.BILLING,
                    Optional.of(T0.plus(Duration.ofHours(10))), Optional.empty(), Optional.empty(),
                    HistoryQuery.Order.NEWEST_SUBMITTED, Optional.empty(), 100);
            assertThat(history.search(provisionedTeltonika)).extracting(DeviceRecord::providerId)
                    .containsExactly("860000000000027", "860000000000021", "860000000000015");

            HistoryQuery prefix = new HistoryQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(43L),
                    Optional.empty(), HistoryQuery.DateField.SUBMITTED, Optional.empty(), Optional.empty(),
                    Optional.of("86000000000001"), HistoryQuery.Order.OLDEST_SUBMITTED, Optional.empty(), 100);
            assertThat(history.search(prefix)).extracting(DeviceRecord::providerId)
                    .containsExactly("860000000000011", "860000000000013", "860000000000015", "860000000000017", "860000000000019");

            assertThat(history.search(withPrefix("860000000000009"))).extracting(DeviceRecord::providerId)
                    .as("a prefix ending in 9 (bounded above by 86000000000001)").containsExactly("860000000000009");
            assertThat(history.search(withPrefix("86000000000002"))).hasSize(10);
            assertThat(history.search(withPrefix("86000000000003"))).isEmpty();
            assertThat(history.search(withPrefix("00000000001"))).extracting(DeviceRecord::providerId)
                    .as("any part of the id, newest first").containsExactly("860000000000019", "860000000000018",
                            "860000000000017", "860000000000016", "860000000000015", "860000000000014", "860000000000013",
                            "860000000000012", "860000000000011", "860000000000010", "860000000000001");
            assertThat(history.search(withPrefix("%"))).as("LIKE's wildcards are the characters themselves").isEmpty();
            assertThat(history.search(withPrefix("8_0"))).isEmpty();
            HistoryQuery prefixPages = withPrefix("86000000000001");
            prefixPages = new HistoryQuery(prefixPages.state(), prefixPages.batchId(), prefixPages.kind(),
                    prefixPages.companyId(), prefixPages.submittedBy(), prefixPages.dateField(), prefixPages.from(),
                    prefixPages.to(), prefixPages.idPrefix(), prefixPages.order(), prefixPages.after(), 4);
            assertThat(walk(history, prefixPages)).as("a prefix alone (on H2: ids first, then rows) pages newest first")
                    .extracting(DeviceRecord::providerId)
                    .containsExactlyElementsOf(history.search(withPrefix("86000000000001")).stream()
                            .map(DeviceRecord::providerId).toList())
                    .hasSize(10);

            HistoryQuery billedInRange = new HistoryQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), HistoryQuery.DateField.BILLING, Optional.of(T0.plus(Duration.ofHours(10))),
                    Optional.of(T0.plus(Duration.ofHours(22))), Optional.empty(), HistoryQuery.Order.NEWEST_SUBMITTED,
                    Optional.empty(), 100);
            assertThat(history.search(billedInRange)).extracting(DeviceRecord::providerId)
                    .containsExactly("860000000000021", "860000000000018", "860000000000015", "860000000000012");

            DeviceRecord found = history.find("860000000000003").orElseThrow();
            assertThat(found.submittedBy()).isEqualTo("op");
            assertThat(found.hasPassword()).isFalse();
            assertThat(history.events(found.id())).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(DeviceEvent.Type.QUEUED));
        }
    }

    /**
     * A batch's devices share one submission time (a submit stamps them all), and billing starts can
     * coincide: pages after a cursor inside such a run of ties (on H2 read as two index ranges, the ties
     * and then the later times) walk every device once, in order, in every order and under every filter.
     */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void pagesThroughDevicesThatShareOneTime(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            seed(db);
            long user = DatabaseFixture.dsl(db).select(DEVICE.SUBMITTED_BY).from(DEVICE).limit(1).fetchOne(DEVICE.SUBMITTED_BY);
            long tied = DatabaseFixture.dsl(db).insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                    .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, T0).set(BATCH.UPDATED_AT, T0)
                    .returning(BATCH.ID).fetchOne(BATCH.ID);
            List<NewDevice> devices = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                devices.add(new NewDevice(String.format("8700000000000%02d", i), "calamp", 42, Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), tied, Optional.of(i), user));
            }
            // between the other batch's times, so that pages cross from the ties into other times both ways
            Instant tie = T0.plus(Duration.ofNanos(7_000_123_000L));
            new JooqDeviceIntake(DatabaseFixture.dsl(db)).insertQueued(devices, tie);
            DatabaseFixture.dsl(db).update(DEVICE).set(DEVICE.STATE, "provisioned").set(DEVICE.BILLING_STARTED_AT, T0.plus(Duration.ofHours(5)))
                    .where(DEVICE.BATCH_ID.eq(tied)).and(DEVICE.PROVIDER_ID.lt("870000000000012")).execute();
            JooqDeviceHistory history = new JooqDeviceHistory(DatabaseFixture.dsl(db));

            for (HistoryQuery.Order order : HistoryQuery.Order.values()) {
                for (Optional<Long> batch : List.of(Optional.<Long>empty(), Optional.of(tied))) {
                    HistoryQuery whole = new HistoryQuery(Optional.empty(), batch, Optional.empty(), Optional.empty(),
                            Optional.empty(), HistoryQuery.DateField.SUBMITTED, Optional.empty(), Optional.empty(),
                            Optional.empty(), order, Optional.empty(), 1000);
                    List<Long> expected = history.search(whole).stream().map(DeviceRecord::id).toList();
                    assertThat(expected).as("%s %s", order, batch).hasSize(order == HistoryQuery.Order.LATEST_BILLING
                            ? (batch.isPresent() ? 12 : 22) : (batch.isPresent() ? 25 : 55));
                    for (int size : List.of(1, 4, 7, 25)) {
                        HistoryQuery paged = new HistoryQuery(whole.state(), batch, whole.kind(), whole.companyId(),
                                whole.submittedBy(), whole.dateField(), whole.from(), whole.to(), whole.idPrefix(), order,
                                Optional.empty(), size);
                        assertThat(walk(history, paged)).as("%s %s pages of %d", order, batch, size)
                                .extracting(DeviceRecord::id).containsExactlyElementsOf(expected);
                    }
                }
            }
            List<Long> oldestOfBatch = history.search(new HistoryQuery(Optional.empty(), Optional.of(tied), Optional.empty(),
                    Optional.empty(), Optional.empty(), HistoryQuery.DateField.SUBMITTED, Optional.empty(), Optional.empty(),
                    Optional.empty(), HistoryQuery.Order.OLDEST_SUBMITTED, Optional.empty(), 100)).stream()
                    .map(DeviceRecord::id).toList();
            assertThat(oldestOfBatch).as("ties in id order").isSorted().hasSize(25);
        }
    }

    @org.junit.jupiter.api.Test
    void cursorTimesFallOnTheStoredMicroseconds() {
        Instant whole = Instant.parse("2026-11-01T08:00:00.000001Z");
        assertThat(JooqDeviceHistory.nextMicro(whole)).isEqualTo(Instant.parse("2026-11-01T08:00:00.000002Z"));
        assertThat(JooqDeviceHistory.previousMicro(whole)).isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
        Instant between = Instant.parse("2026-11-01T08:00:00.000001500Z");
        assertThat(JooqDeviceHistory.nextMicro(between)).isEqualTo(Instant.parse("2026-11-01T08:00:00.000002Z"));
        assertThat(JooqDeviceHistory.previousMicro(between)).isEqualTo(whole);
    }

    private static List<DeviceRecord> walk(JooqDeviceHistory history, HistoryQuery first) {
        List<DeviceRecord> all = new ArrayList<>();
        HistoryQuery query = first;
        while (true) {
            List<DeviceRecord> page = history.search(query);
            all.addAll(page);
            // a cursor that hands back rows already shown would page for ever: fail instead
            assertThat(all).as("no row twice while paging").extracting(DeviceRecord::id).doesNotHaveDuplicates();
            if (page.size() < query.limit()) {
                return all;
            }
            DeviceRecord last = page.get(page.size() - 1);
            Instant at = query.order() == HistoryQuery.Order.LATEST_BILLING ? last.billingStartedAt().orElseThrow() : last.submittedAt();
            HistoryCursor cursor = HistoryCursor.parse(new HistoryCursor(at, last.id()).token()).orElseThrow();
            query = query.after(cursor);
        }
    }

    private static HistoryQuery withPrefix(String prefix) {
        return new HistoryQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                HistoryQuery.DateField.SUBMITTED, Optional.empty(), Optional.empty(), Optional.of(prefix),
                HistoryQuery.Order.NEWEST_SUBMITTED, Optional.empty(), 100);
    }

    private static HistoryQuery withOrder(HistoryQuery q, HistoryQuery.Order order) {
        return new HistoryQuery(q.state(), q.batchId(), q.kind(), q.companyId(), q.submittedBy(), q.dateField(), q.from(),
                q.to(), q.idPrefix(), order, q.after(), q.limit());
    }

    /** 30 devices, two per second-pair sharing a timestamp (ties are broken by id), every third provisioned. */
    private static void seed(Database db) {
        long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", T0).id();
        long batch = DatabaseFixture.dsl(db).insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, T0).set(BATCH.UPDATED_AT, T0)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
        JooqDeviceIntake intake = new JooqDeviceIntake(DatabaseFixture.dsl(db));
        for (int i = 0; i < 30; i++) {
            String id = String.format("8600000000000%02d", i);
            intake.insertQueued(List.of(new NewDevice(id, i % 2 == 0 ? "calamp" : "teltonika", i % 2 == 0 ? 42 : 43,
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), batch, Optional.of(i), user)),
                    T0.plus(Duration.ofSeconds(i / 2)));
            if (i % 3 == 0) {
                DatabaseFixture.dsl(db).update(DEVICE).set(DEVICE.STATE, "provisioned")
                        .set(DEVICE.BILLING_STARTED_AT, T0.plus(Duration.ofHours(i)))
                        .where(DEVICE.PROVIDER_ID.eq(id)).execute();
            }
        }
    }
}
