package com.fleetprovisioner.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HashingGateTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void permitsFollowTheHeapWithinAFloorAndTwoPerProcessor() {
        long cost = PasswordHasher.COST_BYTES;
        assertThat(HashingGate.permitsFor(512 * MIB, 2, cost)).as("512 MiB, 2 processors").isEqualTo(4);
        assertThat(HashingGate.permitsFor(256 * MIB, 2, cost)).as("256 MiB: a quarter holds three").isEqualTo(3);
        assertThat(HashingGate.permitsFor(256 * MIB, 16, cost)).isEqualTo(3);
        assertThat(HashingGate.permitsFor(32 * MIB, 4, cost)).as("never none").isEqualTo(1);
        assertThat(HashingGate.permitsFor(16384 * MIB, 2, cost)).as("CPU-bound: two per processor").isEqualTo(4);
    }

    @Test
    void neverRunsMoreThanItsPermitsAtOnce() throws Exception {
        HashingGate gate = new HashingGate(3, Duration.ofSeconds(30));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 36; i++) {
                results.add(pool.submit(() -> gate.run(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    for (int spin = 0; spin < 200_000; spin++) {
                        Thread.onSpinWait();
                    }
                    return running.decrementAndGet();
                })));
            }
            for (Future<Integer> result : results) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isBetween(1, 3);
    }

    @Test
    void aCallerThatFindsEveryPermitTakenWaitsBrieflyThenIsToldToRetry() throws Exception {
        HashingGate gate = new HashingGate(1, Duration.ofMillis(100));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> gate.run(() -> {
            holding.countDown();
            await(release);
            return null;
        }));
        holder.start();
        holding.await();
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(() -> gate.run(() -> "hash"))
                .isInstanceOfSatisfying(HashingBusyException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1)));
        release.countDown();
        holder.join();
        assertThat(gate.run(() -> "hash")).as("the permit came back").isEqualTo("hash");
    }

    @Test
    void aFailingHashGivesItsPermitBack() {
        HashingGate gate = new HashingGate(1, Duration.ofMillis(100));
        assertThatThrownBy(() -> gate.run(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(gate.run(() -> "next")).isEqualTo("next");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
