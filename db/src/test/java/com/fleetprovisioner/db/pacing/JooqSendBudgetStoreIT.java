package com.fleetprovisioner.db.pacing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fleetprovisioner.core.pacing.AdaptiveRate;
import com.fleetprovisioner.core.pacing.RatePhase;
import com.fleetprovisioner.core.pacing.RateState;
import com.fleetprovisioner.core.pacing.SendBudgetStore;
import com.fleetprovisioner.core.pacing.SendRate;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqSendBudgetStoreIT {
    private static final SendRate ONE = SendRate.of(1);

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void startsLearningAtTheSafeRateAndRecordsAThrottle(DatabaseKind kind) {
        try (Database db = TestDatabases.migrated(kind)) {
            SendBudgetStore store = new JooqSendBudgetStore(DatabaseFixture.dsl(db));
            RateState initial = store.read();
            assertThat(initial.phase()).isEqualTo(RatePhase.LEARNING);
            assertThat(initial.rate()).isEqualTo(AdaptiveRate.START);
            assertThat(initial.throttledAt()).isEmpty();

            RateState after = store.update((s, now) -> {
                RateState next = AdaptiveRate.throttled(s, now, Duration.ofSeconds(1));
                return new SendBudgetStore.Change<>(next, next);
            });
            assertThat(store.read()).isEqualTo(after);
            assertThat(after.phase()).isEqualTo(RatePhase.BACKED_OFF);
            assertThat(after.ceiling()).isEqualTo(AdaptiveRate.START);
            assertThat(after.throttledAt()).isPresent();
        }
    }

    /** Four processes' worth of stores reserving at once: every slot is handed out once, none lost. */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void concurrentReservationsHandOutContiguousSlotsWithoutLosingAny(DatabaseKind kind) throws Exception {
        try (Database db = TestDatabases.migrated(kind)) {
            SendBudgetStore first = new JooqSendBudgetStore(DatabaseFixture.dsl(db));
            AdaptiveRate.Grant grant = first.update((s, now) -> AdaptiveRate.reserve(s, ONE, now));
            assertThat(grant.count()).isEqualTo(1);
            assertThat(grant.intervalNanos()).isEqualTo(1_000_000_000L);
            // a head start of 30 slots, so that the first free slot stays ahead of the clock however slowly
            // the threads below start on a busy machine
            for (int i = 0; i < 30; i++) {
                first.update((s, now) -> AdaptiveRate.reserve(s, ONE, now));
            }
            RateState start = first.read();
            int threads = 4;
            int each = 40;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<Integer>> counts = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    SendBudgetStore store = new JooqSendBudgetStore(DatabaseFixture.dsl(db));
                    counts.add(pool.submit(() -> {
                        int slots = 0;
                        for (int i = 0; i < each; i++) {
                            slots += store.update((s, now) -> AdaptiveRate.reserve(s, ONE, now)).count();
                        }
                        return slots;
                    }));
                }
                int total = 0;
                for (Future<Integer> c : counts) {
                    total += assertTimeoutPreemptively(Duration.ofSeconds(60), () -> c.get());
                }
                assertThat(total).isEqualTo(threads * each);
                // 160 slots 1 s apart reach minutes ahead, far beyond the time the reservations take, so
                // each one started at the previous one's end: the row moved by exactly 160 slots.
                RateState end = first.read();
                assertThat(Duration.between(start.nextSlot(), end.nextSlot())).isEqualTo(Duration.ofSeconds(total));
                assertThat(end.granted()).isEqualTo(start.granted() + total);
                assertThat(end.phase()).isEqualTo(RatePhase.FIXED);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
