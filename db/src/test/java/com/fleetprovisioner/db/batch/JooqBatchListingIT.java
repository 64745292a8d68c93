package com.fleetprovisioner.db.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.BatchQuery;
import com.fleetprovisioner.core.intake.BatchSummary;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.DashboardFixtures;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqBatchListingIT {
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void listsNewestFirstWithFiltersCountsAndKeysetPages(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            var dsl = DatabaseFixture.dsl(db);
            JooqUserRepository users = new JooqUserRepository(dsl);
            long alice = users.create("alice", Role.OPERATOR, "x", T0).id();
            long bob = users.create("bob", Role.OPERATOR, "x", T0).id();
            long b1 = DashboardFixtures.batch(dsl, alice, "completed", Optional.of("March_Trucks.csv"), T0);
            long b2 = DashboardFixtures.batch(dsl, bob, "submitted", Optional.of("vans 100%.xlsx"), T0.plusSeconds(3600));
            long b3 = DashboardFixtures.batch(dsl, alice, "submitted", Optional.empty(), T0.plusSeconds(3600)); // same instant as b2
            long b4 = DashboardFixtures.batch(dsl, alice, "draft", Optional.of("trucks-april.csv"), T0.plusSeconds(86_400));
            DashboardFixtures.devices(dsl, b2, bob, T0, List.of("356938035643809", "490154203237518", "352099001761481"));
            DashboardFixtures.provisioned(dsl, "356938035643809", T0.plusSeconds(4000));
            DashboardFixtures.state(dsl, "490154203237518", "failed");
            JooqBatchListing listing = new JooqBatchListing(dsl);

            assertThat(listing.search(BatchQuery.newest(10))).as("drafts are listed apart").extracting(BatchSummary::id)
                    .containsExactly(b3, b2, b1);
            assertThat(ids(listing, query(Optional.of(Batch.State.DRAFT), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty()))).containsExactly(b4);
            BatchSummary vans = listing.search(BatchQuery.newest(10)).get(1);
            assertThat(vans.createdBy()).isEqualTo("bob");
            assertThat(vans.devicesTotal()).isEqualTo(3);
            assertThat(vans.count(DeviceState.PROVISIONED)).isEqualTo(1);
            assertThat(vans.count(DeviceState.FAILED)).isEqualTo(1);
            assertThat(vans.count(DeviceState.QUEUED)).isEqualTo(1);
            assertThat(vans.devicesDone()).isEqualTo(2);
            assertThat(vans.percent()).isEqualTo(66);
            assertThat(listing.summary(b2, vans.devices())).contains(vans);
            assertThat(listing.summary(9_999, Map.of())).isEmpty();

            assertThat(ids(listing, query(Optional.of(Batch.State.SUBMITTED), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty()))).containsExactly(b3, b2);
            assertThat(ids(listing, query(Optional.empty(), Optional.of(alice), Optional.empty(), Optional.empty(),
                    Optional.empty()))).containsExactly(b3, b1);
            assertThat(ids(listing, query(Optional.empty(), Optional.empty(), Optional.of(T0.plusSeconds(1)),
                    Optional.of(T0.plusSeconds(86_400)), Optional.empty()))).containsExactly(b3, b2);
            assertThat(ids(listing, query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of("TRUCKS")))).as("contains, ignoring case").containsExactly(b1);
            assertThat(ids(listing, query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of("0%")))).as("% is a character, not a wildcard").containsExactly(b2);
            assertThat(ids(listing, query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of("_")))).as("_ is a character, not a wildcard").containsExactly(b1);

            List<Long> paged = new ArrayList<>();
            Optional<BatchSummary> last = Optional.empty();
            for (int page = 0; page < 3; page++) {
                List<BatchSummary> found = listing.search(new BatchQuery(Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), last.map(BatchSummary::cursor), 2));
                found.forEach(s -> paged.add(s.id()));
                last = found.isEmpty() ? last : Optional.of(found.get(found.size() - 1));
            }
            assertThat(paged).as("pages of two, ties on created_at broken by id").containsExactly(b3, b2, b1);
        }
    }

    private static BatchQuery query(Optional<Batch.State> state, Optional<Long> createdBy, Optional<Instant> from,
            Optional<Instant> before, Optional<String> name) {
        return new BatchQuery(state, createdBy, from, before, name, Optional.empty(), 10);
    }

    private static List<Long> ids(JooqBatchListing listing, BatchQuery query) {
        return listing.search(query).stream().map(BatchSummary::id).toList();
    }
}
