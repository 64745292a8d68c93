package com.fleetprovisioner.db.search;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.core.history.DeviceRecord;
import com.fleetprovisioner.core.history.HistoryQuery;
import com.fleetprovisioner.core.search.DeviceHit;
import com.fleetprovisioner.core.search.IdMatch;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.history.JooqDeviceHistory;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeviceSearchIT {
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00Z");
    private static final List<String> IDS = List.of("356938035643809", "356938035643810", "861234035640000", "86123403564",
            "A1-B2_C3%D4", "BS\\7\u0007", "359000000000001");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void findsDevicesByAnyPartOfTheirIdInIdOrderUpToTheCap(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            long batch = seed(db);
            JooqDeviceSearch search = new JooqDeviceSearch(DatabaseFixture.dsl(db));

            assertThat(search.byIdFragment("03564", 10)).extracting(DeviceHit::providerId)
                    .as("a fragment from the middle, in id order")
                    .containsExactly("356938035643809", "356938035643810", "86123403564", "861234035640000");
            assertThat(search.byIdFragment("03564", 2)).extracting(DeviceHit::providerId)
                    .containsExactly("356938035643809", "356938035643810");
            assertThat(search.byIdFragment("0000000001", 10)).extracting(DeviceHit::providerId)
                    .as("the end of an id").containsExactly("359000000000001");
            assertThat(search.byIdFragment("356938035643810", 10)).singleElement().satisfies(hit -> {
                assertThat(hit.batchId()).isEqualTo(batch);
                assertThat(hit.state()).isEqualTo(DeviceState.QUEUED);
                assertThat(hit.kind()).isEqualTo("calamp");
                assertThat(hit.submittedAt()).isEqualTo(T0);
            });
            assertThat(search.byIdFragment("C3%D", 10)).extracting(DeviceHit::providerId).containsExactly("A1-B2_C3%D4");
            assertThat(search.byIdFragment("%", 10)).as("% is itself, not a wildcard").hasSize(1);
            assertThat(search.byIdFragment("2_C", 10)).hasSize(1);
            assertThat(search.byIdFragment("6_9", 10)).as("_ is itself").isEmpty();
            assertThat(search.byIdFragment("!", 10)).as("the escape character is itself").isEmpty();
            assertThat(search.byIdFragment("x".repeat(51), 10)).as("longer than any id").isEmpty();
            assertThat(search.byIdFragment("999999", 10)).isEmpty();
        }
    }

    /**
     * PostgreSQL matches any part of the id. H2 matches the start only when some id starts with the
     * fragment (an index range), and anywhere else by a scan; the search page and the history's id
     * filter agree, and say how they matched.
     */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void searchAndHistoryFilterMatchAlikeAndSayHow(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            seed(db);
            boolean h2 = kind == DatabaseKind.H2;
            IdMatcher ids = new IdMatcher(DatabaseFixture.dsl(db));
            JooqDeviceSearch search = new JooqDeviceSearch(DatabaseFixture.dsl(db), ids);
            JooqDeviceHistory history = new JooqDeviceHistory(DatabaseFixture.dsl(db), ids);

            List<String> startOf35 = List.of("356938035643809", "356938035643810", "359000000000001");
            List<String> anywhere35 = List.of("356938035643809", "356938035643810", "359000000000001", "86123403564",
                    "861234035640000");
            assertThat(search.byIdFragment("35", 10)).extracting(DeviceHit::providerId)
                    .as("a start that is also inside other ids").containsExactlyInAnyOrderElementsOf(h2 ? startOf35 : anywhere35);
            assertThat(inHistory(history, "35")).containsExactlyInAnyOrderElementsOf(h2 ? startOf35 : anywhere35);
            assertThat(search.howMatched("35")).isEqualTo(h2 ? new IdMatch(IdMatch.Scope.START, true, 0) : IdMatch.anywhere());

            for (String fragment : List.of("0000000001", "43809", "035643")) {
                assertThat(search.howMatched(fragment)).as("the end or the middle: " + fragment).satisfies(m -> {
                    assertThat(m.scope()).isEqualTo(IdMatch.Scope.ANYWHERE);
                    assertThat(m.complete()).isTrue();
                });
                assertThat(inHistory(history, fragment)).as(fragment).containsExactlyInAnyOrderElementsOf(
                        search.byIdFragment(fragment, 10).stream().map(DeviceHit::providerId).toList());
            }
            assertThat(inHistory(history, "43809")).containsExactly("356938035643809");
            assertThat(inHistory(history, "035643")).hasSize(2);
            assertThat(inHistory(history, "0000000001")).containsExactly("359000000000001");

            assertThat(search.byIdFragment("\\", 10)).extracting(DeviceHit::providerId).as("a backslash is itself")
                    .containsExactly("BS\\7\u0007");
            assertThat(inHistory(history, "\\")).containsExactly("BS\\7\u0007");
            assertThat(inHistory(history, "\u0007")).containsExactly("BS\\7\u0007");
            for (String hostile : List.of("%", "_", "%%", "!", "\u0000", "\n", " ", "   ", "x".repeat(10_000), "9".repeat(51),
                    "'; DROP TABLE device; --")) {
                List<String> expected = hostile.equals("%") ? List.of("A1-B2_C3%D4")
                        : hostile.equals("_") ? List.of("A1-B2_C3%D4") : List.of();
                assertThat(search.byIdFragment(hostile, 10)).extracting(DeviceHit::providerId)
                        .as("hostile %s", hostile.length() > 20 ? hostile.length() + " characters" : hostile)
                        .containsExactlyElementsOf(expected);
                assertThat(inHistory(history, hostile)).containsExactlyElementsOf(expected);
            }
            assertThat(DatabaseFixture.dsl(db).fetchCount(DEVICE)).isEqualTo(IDS.size());
        }
    }

    /**
     * The H2 scan's budget, deterministically: no time at all and slices of 2 ids scan the first 2 ids
     * (in id order) only, and say so; the history's filter shows the matches among them. PostgreSQL has no
     * budget (its trigram index answers).
     */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void h2ScanStopsAtItsBudgetAndSaysHowMuchItSearched(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            seed(db);
            boolean h2 = kind == DatabaseKind.H2;
            IdMatcher ids = new IdMatcher(DatabaseFixture.dsl(db), Duration.ZERO, 2);
            JooqDeviceSearch search = new JooqDeviceSearch(DatabaseFixture.dsl(db), ids);
            JooqDeviceHistory history = new JooqDeviceHistory(DatabaseFixture.dsl(db), ids);

            List<String> all = List.of("356938035643809", "356938035643810", "86123403564", "861234035640000");
            assertThat(search.howMatched("03564")).isEqualTo(h2 ? new IdMatch(IdMatch.Scope.ANYWHERE, false, 2) : IdMatch.anywhere());
            assertThat(search.byIdFragment("03564", 10)).extracting(DeviceHit::providerId)
                    .as("on H2 the matches among the first 2 ids in id order").containsExactlyElementsOf(h2 ? all.subList(0, 2) : all);
            assertThat(inHistory(history, "03564")).containsExactlyInAnyOrderElementsOf(h2 ? all.subList(0, 2) : all);
            assertThat(search.howMatched("86123")).as("a start is a range, never cut short")
                    .isEqualTo(h2 ? new IdMatch(IdMatch.Scope.START, true, 0) : IdMatch.anywhere());
            assertThat(inHistory(history, "86123")).hasSize(2);
            assertThat(search.howMatched("zzz")).as("the scan of a fragment matching nothing stops too")
                    .isEqualTo(h2 ? new IdMatch(IdMatch.Scope.ANYWHERE, false, 2) : IdMatch.anywhere());
            assertThat(inHistory(history, "zzz")).isEmpty();
        }
    }

    private static List<String> inHistory(JooqDeviceHistory history, String fragment) {
        return history.search(new HistoryQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), HistoryQuery.DateField.SUBMITTED, Optional.empty(), Optional.empty(), Optional.of(fragment),
                HistoryQuery.Order.NEWEST_SUBMITTED, Optional.empty(), 100)).stream().map(DeviceRecord::providerId).toList();
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void postgresqlHasTheTrigramIndexAndH2DoesNotNeedIt(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            boolean postgres = DatabaseFixture.dsl(db).dialect().family() == org.jooq.SQLDialect.POSTGRES;
            if (postgres) {
                assertThat(DatabaseFixture.dsl(db).fetchValue("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_device_provider_trgm'"))
                        .asString().contains("gin").contains("gin_trgm_ops");
            } else {
                assertThat(DatabaseFixture.dsl(db).fetchValue("SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES "
                        + "WHERE LOWER(INDEX_NAME) = 'ix_device_provider_submitted'")).asString().isEqualTo("1");
            }
        }
    }

    private static long seed(Database db) {
        long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", T0).id();
        long batch = DatabaseFixture.dsl(db).insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, T0).set(BATCH.UPDATED_AT, T0)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
        new JooqDeviceIntake(DatabaseFixture.dsl(db)).insertQueued(IDS.stream().map(id -> new NewDevice(id, "calamp", 42, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), batch, Optional.empty(), user)).toList(), T0);
        return batch;
    }
}
