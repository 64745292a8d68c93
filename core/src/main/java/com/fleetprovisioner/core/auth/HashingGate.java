package com.fleetprovisioner.core.auth;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds how many password hashes run at once. Each Argon2id check holds its memory cost (19 MiB)
 * for its whole run, so without a bound a flood of sign-ins takes the heap and the
 * {@link OutOfMemoryError}s kill unrelated threads. The permits are a quarter of the heap divided by
 * that cost, at least one and at most two per processor (the work is CPU-bound: more at once only
 * queues inside the CPU). A caller waits briefly, first come first served, then is told to retry.
 */
public final class HashingGate {
    /** Long enough for the queue of a burst to drain, short enough that nobody hangs. */
    static final Duration WAIT = Duration.ofSeconds(2);
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final long HEAP_SHARE_DIVISOR = 4;
    private static final Logger log = LoggerFactory.getLogger(HashingGate.class);

    private final Semaphore permits;
    private final int size;
    private final Duration wait;

    public HashingGate(int size, Duration wait) {
        this.permits = new Semaphore(size, true);
        this.size = size;
        this.wait = wait;
    }

    /** Sized to this JVM's maximum heap and processors; logs the figure once. */
    public static HashingGate forThisJvm(long costBytes) {
        Runtime runtime = Runtime.getRuntime();
        HashingGate gate = new HashingGate(permitsFor(runtime.maxMemory(), runtime.availableProcessors(), costBytes), WAIT);
        log.info("Password hashing: at most {} at once ({} MiB each, heap {} MiB, {} processors)", gate.size,
                costBytes >> 20, runtime.maxMemory() >> 20, runtime.availableProcessors());
        return gate;
    }

    static int permitsFor(long maxHeapBytes, int processors, long costBytes) {
        long byHeap = maxHeapBytes / HEAP_SHARE_DIVISOR / costBytes;
        long byCpu = 2L * Math.max(1, processors);
        return (int) Math.max(1, Math.min(byHeap, byCpu));
    }

    public int size() {
        return size;
    }

    /** Runs {@code work} under a permit, or throws {@link HashingBusyException} when none frees up in time. */
    public <T> T run(Supplier<T> work) {
        if (!acquire()) {
            throw new HashingBusyException(RETRY_AFTER);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }

    private boolean acquire() {
        try {
            return permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
