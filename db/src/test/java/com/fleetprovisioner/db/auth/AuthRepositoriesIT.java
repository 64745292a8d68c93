package com.fleetprovisioner.db.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fleetprovisioner.core.auth.ApiTokenRepository;
import com.fleetprovisioner.core.auth.LoginThrottle;
import com.fleetprovisioner.core.auth.LoginThrottleRepository.Failures;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.auth.Session;
import com.fleetprovisioner.core.auth.User;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuthRepositoriesIT {
    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.123Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void usersRoundTripAndUsernamesAreUnique(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            JooqUserRepository users = new JooqUserRepository(DatabaseFixture.dsl(db));
            User alice = users.create("alice", Role.OPERATOR, "$argon2id$hash", T0);

            assertThat(users.findById(alice.id())).contains(alice);
            assertThat(alice.createdAt()).isEqualTo(T0.truncatedTo(ChronoUnit.MICROS));
            assertThat(users.findCredentials("alice")).hasValueSatisfying(c -> assertThat(c.passwordHash()).isEqualTo("$argon2id$hash"));
            assertThatThrownBy(() -> users.create("alice", Role.VIEWER, "x", T0)).isInstanceOf(DataAccessException.class);

            users.create("root", Role.ADMIN, "x", T0);
            assertThat(users.countEnabledAdmins()).isEqualTo(1);
            users.updateEnabled(alice.id(), false, T0);
            users.updateRole(alice.id(), Role.ADMIN, T0);
            assertThat(users.findById(alice.id()).orElseThrow()).extracting(User::role, User::enabled).containsExactly(Role.ADMIN, false);
            assertThat(users.countEnabledAdmins()).isEqualTo(1);
            assertThat(users.list()).extracting(User::username).containsExactly("alice", "root");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void sessionsAreFoundWithTheirUserAndExpire(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            JooqUserRepository users = new JooqUserRepository(DatabaseFixture.dsl(db));
            JooqSessionRepository sessions = new JooqSessionRepository(DatabaseFixture.dsl(db));
            User bob = users.create("bob", Role.VIEWER, "x", T0);
            sessions.create(new Session("h1", bob.id(), "csrf", T0, T0, "127.0.0.1", "test"));
            sessions.create(new Session("h2", bob.id(), "csrf", T0, T0.plus(Duration.ofHours(1)), "127.0.0.1", "test"));

            assertThat(sessions.find("h1")).hasValueSatisfying(s -> {
                assertThat(s.user().username()).isEqualTo("bob");
                assertThat(s.session().csrfToken()).isEqualTo("csrf");
            });
            assertThat(sessions.deleteExpired(T0.plus(Duration.ofMinutes(30)), T0.minus(Duration.ofHours(12)))).isEqualTo(1);
            assertThat(sessions.find("h1")).isEmpty();
            assertThat(sessions.deleteForUser(bob.id())).isEqualTo(1);
            assertThat(sessions.find("h2")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void tokensAreFoundByHashUntilRevoked(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            User carol = new JooqUserRepository(DatabaseFixture.dsl(db)).create("carol", Role.OPERATOR, "x", T0);
            JooqApiTokenRepository tokens = new JooqApiTokenRepository(DatabaseFixture.dsl(db));
            long id = tokens.create(carol.id(), "ci", "hash-1", "fpt_abcdefgh", T0, Optional.of(T0.plus(Duration.ofDays(90))))
                    .id();
            assertThat(tokens.findById(id)).get().satisfies(t -> assertThat(t.expiresAt())
                    .contains(T0.plus(Duration.ofDays(90))));

            assertThat(tokens.findActive("hash-1")).map(ApiTokenRepository.TokenOwner::user).contains(carol);
            assertThat(tokens.revoke(id, T0)).isTrue();
            assertThat(tokens.revoke(id, T0)).isFalse();
            assertThat(tokens.findActive("hash-1")).isEmpty();
            assertThat(tokens.listForUser(carol.id())).singleElement()
                    .satisfies(t -> assertThat(t.revokedAt()).isPresent());
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void revokingAllOfAUsersTokensLeavesOthersAlone(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            JooqUserRepository users = new JooqUserRepository(DatabaseFixture.dsl(db));
            User dave = users.create("dave", Role.OPERATOR, "x", T0);
            User erin = users.create("erin", Role.OPERATOR, "x", T0);
            JooqApiTokenRepository tokens = new JooqApiTokenRepository(DatabaseFixture.dsl(db));
            tokens.create(dave.id(), "a", "hash-a", "fpt_aaaaaaaa", T0, Optional.empty());
            long revokedBefore = tokens.create(dave.id(), "b", "hash-b", "fpt_bbbbbbbb", T0, Optional.empty()).id();
            tokens.create(erin.id(), "c", "hash-c", "fpt_cccccccc", T0, Optional.empty());
            tokens.revoke(revokedBefore, T0);

            assertThat(tokens.revokeAllFor(dave.id(), T0.plusSeconds(5))).isEqualTo(1);
            assertThat(tokens.findActive("hash-a")).isEmpty();
            assertThat(tokens.findById(revokedBefore)).get().satisfies(t -> assertThat(t.revokedAt()).contains(T0));
            assertThat(tokens.findActive("hash-c")).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void throttleCountersChangeOnlyFromWhatTheCallerSaw(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            JooqLoginThrottleRepository throttle = new JooqLoginThrottleRepository(DatabaseFixture.dsl(db));
            Failures first = new Failures(1, T0);
            assertThat(throttle.replace("user:x", Optional.empty(), first)).isTrue();
            assertThat(throttle.replace("user:x", Optional.empty(), first)).as("a second first attempt").isFalse();
            Failures seen = throttle.find("user:x").orElseThrow();
            assertThat(seen.count()).isEqualTo(1);
            assertThat(throttle.replace("user:x", Optional.of(seen), new Failures(2, T0.plusSeconds(1)))).isTrue();
            assertThat(throttle.replace("user:x", Optional.of(seen), new Failures(2, T0.plusSeconds(2))))
                    .as("from a counter that has moved on").isFalse();
            assertThat(throttle.find("user:x")).contains(new Failures(2, T0.plusSeconds(1)));

            throttle.giveBack("user:x");
            throttle.giveBack("user:x");
            throttle.giveBack("user:x");
            assertThat(throttle.find("user:x").orElseThrow().count()).as("never below zero").isZero();
            throttle.giveBack("user:nobody");
            assertThat(throttle.find("user:nobody")).isEmpty();
            throttle.clear("user:x");
            assertThat(throttle.find("user:x")).isEmpty();
        }
    }

    /** Parallel attempts on one account and address: exactly as many get through as the rules allow. */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void parallelAttemptsAreCountedOnceEachAndRefusedPastTheLimit(DatabaseKind kind) throws Exception {
        try (Database db = TestDatabases.migrated(kind)) {
            LoginThrottle throttle = new LoginThrottle(new JooqLoginThrottleRepository(DatabaseFixture.dsl(db)),
                    Clock.fixed(T0, ZoneOffset.UTC));
            List<String> keys = LoginThrottle.keys("alice", "10.0.0.1");
            int attempts = 24;
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return throttle.reserve(keys).isEmpty();
                }));
            }
            start.countDown();
            int allowed = 0;
            for (Future<Boolean> result : results) {
                allowed += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            pool.shutdown();
            // in a burst the sixth attempt falls inside the first one-second delay
            assertThat(allowed).isEqualTo(5);
            JooqLoginThrottleRepository repository = new JooqLoginThrottleRepository(DatabaseFixture.dsl(db));
            assertThat(repository.find("user:alice").orElseThrow().count()).isEqualTo(5);
            assertThat(repository.find("ip:10.0.0.1").orElseThrow().count()).isEqualTo(5);

            throttle.recordSuccess("alice", "10.0.0.1");
            assertThat(repository.find("user:alice")).isEmpty();
            assertThat(repository.find("ip:10.0.0.1").orElseThrow().count()).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aPasswordChangeEndsTheUsersOtherSessionsAndRevokesAllTheirTokens(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            JooqUserRepository users = new JooqUserRepository(DatabaseFixture.dsl(db));
            User dave = users.create("dave", Role.OPERATOR, "x", T0);
            User erin = users.create("erin", Role.VIEWER, "x", T0);
            JooqSessionRepository sessions = new JooqSessionRepository(DatabaseFixture.dsl(db));
            for (String hash : List.of("kept", "other-1", "other-2")) {
                sessions.create(new Session(hash, dave.id(), "csrf-" + hash, T0, T0, "10.0.0.1", "test"));
            }
            sessions.create(new Session("erins", erin.id(), "csrf-erin", T0, T0, "10.0.0.2", "test"));
            JooqApiTokenRepository tokens = new JooqApiTokenRepository(DatabaseFixture.dsl(db));
            long revokedBefore = tokens.create(dave.id(), "old", "t-0", "fpt_00000000", T0, Optional.empty()).id();
            tokens.revoke(revokedBefore, T0);
            tokens.create(dave.id(), "ci", "t-1", "fpt_11111111", T0, Optional.empty());
            tokens.create(dave.id(), "cron", "t-2", "fpt_22222222", T0, Optional.empty());
            tokens.create(erin.id(), "erins", "t-3", "fpt_33333333", T0, Optional.empty());

            assertThat(sessions.deleteForUserExcept(dave.id(), "kept")).isEqualTo(2);
            assertThat(sessions.find("kept")).isPresent();
            assertThat(sessions.find("other-1")).isEmpty();
            assertThat(sessions.find("erins")).as("another user's session").isPresent();
            assertThat(tokens.revokeAllFor(dave.id(), T0.plusSeconds(5))).as("only the live ones").isEqualTo(2);
            assertThat(tokens.findActive("t-1")).isEmpty();
            assertThat(tokens.findActive("t-2")).isEmpty();
            assertThat(tokens.findActive("t-3")).as("another user's token").isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void preSessionsAreFoundByHashWhileTheyLive(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            JooqPreSessionRepository preSessions = new JooqPreSessionRepository(DatabaseFixture.dsl(db));
            preSessions.create("hash-a", "csrf-a", T0);
            preSessions.create("hash-b", "csrf-b", T0.plusSeconds(3600));
            assertThat(preSessions.csrfToken("hash-a", T0)).hasValue("csrf-a");
            assertThat(preSessions.csrfToken("hash-a", T0.plusSeconds(1))).as("too old").isEmpty();
            assertThat(preSessions.csrfToken("nope", T0)).isEmpty();
            assertThat(preSessions.deleteCreatedBefore(T0.plusSeconds(60))).isEqualTo(1);
            assertThat(preSessions.csrfToken("hash-a", T0)).isEmpty();
            preSessions.delete("hash-b");
            assertThat(preSessions.csrfToken("hash-b", T0)).isEmpty();
        }
    }
}
