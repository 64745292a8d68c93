package com.fleetprovisioner.db.testing;

import com.fleetprovisioner.core.auth.HashingGate;
import java.util.concurrent.CountDownLatch;

/**
 * Takes every slot of a {@link HashingGate} on threads of its own and holds them until closed, so a
 * test can see what a sign-in does when no password check can start.
 */
public final class HeldHashingSlots implements AutoCloseable {
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread[] holders;

    private HeldHashingSlots(HashingGate gate) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(gate.size());
        holders = new Thread[gate.size()];
        for (int i = 0; i < holders.length; i++) {
            holders[i] = new Thread(() -> gate.run(() -> {
                holding.countDown();
                awaitRelease();
                return null;
            }), "hashing-slot-holder-" + i);
            holders[i].start();
        }
        holding.await();
    }

    /** Returns once every slot of {@code gate} is taken. */
    public static HeldHashingSlots of(HashingGate gate) throws InterruptedException {
        return new HeldHashingSlots(gate);
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        for (Thread holder : holders) {
            holder.join();
        }
    }
}
