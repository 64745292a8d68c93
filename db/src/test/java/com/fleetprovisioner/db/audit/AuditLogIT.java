package com.fleetprovisioner.db.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.audit.AuditQuery;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuditLogIT {
    private static final Instant DAY = Instant.parse("2026-11-27T00:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void filtersByActorActionAndTimeAndPagesByKeyset(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            JooqAuditLog audit = new JooqAuditLog(DatabaseFixture.dsl(db));
            for (int i = 0; i < 10; i++) {
                String actor = i % 2 == 0 ? "alice" : "bob";
                String action = i < 5 ? "login.failed" : "user.created";
                audit.record(new AuditEntry(DAY.plus(Duration.ofHours(i)), Actor.anonymous(actor, "10.0.0." + i), action,
                        "target-" + i, "details " + i));
            }
            assertThat(audit.search(query(Optional.of("alice"), Optional.empty(), Optional.empty(), Optional.empty())))
                    .extracting(s -> s.entry().target()).containsExactly("target-8", "target-6", "target-4", "target-2", "target-0");
            assertThat(audit.search(query(Optional.empty(), Optional.of("login."), Optional.empty(), Optional.empty())))
                    .hasSize(5).allSatisfy(s -> assertThat(s.entry().action()).isEqualTo("login.failed"));
            assertThat(audit.search(query(Optional.empty(), Optional.empty(), Optional.of(DAY.plus(Duration.ofHours(3))),
                    Optional.of(DAY.plus(Duration.ofHours(5)))))).extracting(s -> s.entry().target())
                    .containsExactly("target-4", "target-3");

            List<AuditLog.Stored> firstPage = audit.search(new AuditQuery(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty(), 4));
            List<AuditLog.Stored> secondPage = audit.search(new AuditQuery(Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.of(firstPage.get(3).id()), 4));
            assertThat(firstPage).extracting(s -> s.entry().target()).containsExactly("target-9", "target-8", "target-7", "target-6");
            assertThat(secondPage).extracting(s -> s.entry().target()).containsExactly("target-5", "target-4", "target-3", "target-2");
        }
    }

    private static AuditQuery query(Optional<String> actor, Optional<String> action, Optional<Instant> from, Optional<Instant> to) {
        return new AuditQuery(actor, action, from, to, Optional.empty(), 100);
    }
}
