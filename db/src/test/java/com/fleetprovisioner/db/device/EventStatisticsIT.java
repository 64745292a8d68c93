package com.fleetprovisioner.db.device;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.EventStatistics.Totals;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The metrics' reads of the device history, on H2 and PostgreSQL. */
class EventStatisticsIT {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void totalsOverAnIdRangeAndTheRecentWindows(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            JooqEventStatistics stats = new JooqEventStatistics(DatabaseFixture.dsl(db));
            assertThat(stats.lastEventId()).isZero();
            long device = device(db);
            JooqDeviceRepository repo = new JooqDeviceRepository(DatabaseFixture.dsl(db));
            repo.append(event(device, NOW.minusSeconds(120), DeviceEvent.Type.SENT, null, null));
            repo.append(event(device, NOW.minusSeconds(119), DeviceEvent.Type.RESPONSE, 2, 250L));
            long mark = stats.lastEventId();
            repo.append(event(device, NOW.minusSeconds(30), DeviceEvent.Type.SENT, null, null));
            repo.append(event(device, NOW.minusSeconds(29), DeviceEvent.Type.RESPONSE, 0, 100L));
            repo.append(event(device, NOW.minusSeconds(20), DeviceEvent.Type.RESPONSE, 20, null)); // getProvider
            repo.append(event(device, NOW.minusSeconds(10), DeviceEvent.Type.RETRY_SCHEDULED, 2, null));
            long last = stats.lastEventId();

            assertThat(stats.totals(0, mark)).isEqualTo(new Totals(1, Map.of(2, 1L), 1, 250));
            assertThat(stats.totals(mark, last)).isEqualTo(new Totals(1, Map.of(), 1, 100));
            assertThat(stats.totals(0, mark).plus(stats.totals(mark, last))).isEqualTo(stats.totals(0, last));
            assertThat(stats.totals(last, last)).isEqualTo(Totals.ZERO);

            assertThat(stats.sendsSince(NOW.minusSeconds(60))).isEqualTo(1);
            assertThat(stats.sendsSince(NOW.minusSeconds(300))).isEqualTo(2);
            assertThat(stats.latenciesSince(NOW.minusSeconds(60), 100)).containsExactly(100L);
            assertThat(stats.latenciesSince(NOW.minusSeconds(300), 100)).containsExactly(100L, 250L);
            assertThat(stats.latenciesSince(NOW.minusSeconds(300), 1)).as("newest first").containsExactly(100L);
        }
    }

    private static DeviceEvent event(long device, Instant at, DeviceEvent.Type type, Integer code, Long latencyMs) {
        DeviceEvent e = DeviceEvent.byWorker(device, at, type, 1, code, Text.of("event.text.sent", type.id()), "w1");
        return latencyMs == null ? e : e.withLatency(Duration.ofMillis(latencyMs));
    }

    private static long device(Database db) {
        long user = new JooqUserRepository(DatabaseFixture.dsl(db)).create("op", Role.OPERATOR, "x", NOW).id();
        long batch = DatabaseFixture.dsl(db).insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                .set(BATCH.CREATED_BY, user).set(BATCH.CREATED_AT, NOW).set(BATCH.UPDATED_AT, NOW)
                .returning(BATCH.ID).fetchOne(BATCH.ID);
        return new JooqDeviceIntake(DatabaseFixture.dsl(db)).insertQueued(List.of(new NewDevice("356938070000001", "calamp", 42,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), batch, Optional.empty(), user)),
                NOW).get(0).deviceId();
    }
}
