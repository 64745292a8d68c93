package com.fleetprovisioner.db.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.auth.AuthService;
import com.fleetprovisioner.core.auth.AuthService.Authentication;
import com.fleetprovisioner.core.auth.HashingGate;
import com.fleetprovisioner.core.auth.LoginThrottle;
import com.fleetprovisioner.core.auth.PasswordHasher;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.audit.JooqAuditLog;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.HeldHashingSlots;
import com.fleetprovisioner.db.testing.MutableClock;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sign-ins when every hashing permit is taken: refused for a moment, and nothing counted against anyone. */
class SignInUnderLoadIT {

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aSignInThatFindsNoHashingPermitIsBusyAndCountsNothing(DatabaseKind kind) throws Exception {
        try (Database db = TestDatabases.migrated(kind)) {
            HashingGate gate = new HashingGate(1, Duration.ofMillis(100));
            PasswordHasher hasher = new PasswordHasher(gate);
            MutableClock clock = MutableClock.startingNow();
            JooqUserRepository users = new JooqUserRepository(DatabaseFixture.dsl(db));
            users.create("alice", Role.OPERATOR, hasher.hash("alice-password-1"), clock.instant());
            JooqLoginThrottleRepository counters = new JooqLoginThrottleRepository(DatabaseFixture.dsl(db));
            JooqAuditLog audit = new JooqAuditLog(DatabaseFixture.dsl(db));
            AuthService auth = new AuthService(users, new JooqSessionRepository(DatabaseFixture.dsl(db)),
                    new LoginThrottle(counters, clock), hasher, audit, clock, Duration.ofMinutes(30), Duration.ofHours(12));

            Authentication busy;
            Authentication unknown;
            try (HeldHashingSlots held = HeldHashingSlots.of(gate)) {
                busy = auth.authenticate("alice", "alice-password-1", "10.0.0.7", "api");
                unknown = auth.authenticate("nobody", "guess", "10.0.0.8", "web");
            }

            assertThat(busy).isEqualTo(new Authentication.Busy(1));
            assertThat(unknown).as("the unknown-user path hashes too").isEqualTo(new Authentication.Busy(1));
            assertThat(counters.find("user:alice").orElseThrow().count()).as("given back").isZero();
            assertThat(counters.find("ip:10.0.0.7").orElseThrow().count()).isZero();
            assertThat(audit.recent(10)).extracting(AuditEntry::action).doesNotContain("login.failed", "login.refused");

            assertThat(auth.authenticate("alice", "alice-password-1", "10.0.0.7", "api"))
                    .isInstanceOf(Authentication.Succeeded.class);
        }
    }
}
