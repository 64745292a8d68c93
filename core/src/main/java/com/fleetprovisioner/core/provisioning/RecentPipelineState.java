package com.fleetprovisioner.core.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The shared pipeline state as read at most a moment ago: every attempt checks it before its lease, and
 * reading the row each time was one statement in twelve per device on PostgreSQL. What this process writes
 * (a stop, a throttle, a maintenance window, a resume) goes to the database and makes the next read fresh,
 * so this process sees its own changes at once; another worker's within {@code maxAge}. That is sooner
 * than the once-a-second watch that holds this process's client for another worker's throttle, and an
 * attempt that leases meanwhile is still held at the client's pause gate and fenced by its lease.
 */
public final class RecentPipelineState implements PipelineState {
    private record Read(PipelineStatus status, long atNanos) {
    }

    private final PipelineState shared;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private volatile Read last;
    /** Counts this process's writes: a read that began before one is not kept. */
    private final AtomicLong writes = new AtomicLong();

    public RecentPipelineState(PipelineState shared, Duration maxAge) {
        this(shared, maxAge, System::nanoTime);
    }

    RecentPipelineState(PipelineState shared, Duration maxAge, LongSupplier nanoTime) {
        this.shared = shared;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public PipelineStatus read() {
        Read r = last;
        long now = nanoTime.getAsLong();
        if (r != null && now - r.atNanos() < maxAgeNanos) {
            return r.status();
        }
        long before = writes.get();
        PipelineStatus status = shared.read();
        if (writes.get() == before) {
            last = new Read(status, now);
        }
        return status;
    }

    @Override
    public void stop(int code, String reason, Instant now) {
        written(() -> shared.stop(code, reason, now));
    }

    @Override
    public void resume(Instant now) {
        written(() -> shared.resume(now));
    }

    @Override
    public void throttleUntil(Instant until, Instant now) {
        written(() -> shared.throttleUntil(until, now));
    }

    @Override
    public void maintenanceUntil(Instant until, Instant now) {
        written(() -> shared.maintenanceUntil(until, now));
    }

    /** Runs one of this process's writes, then forgets the last read, whether or not the write got through. */
    private void written(Runnable write) {
        try {
            write.run();
        } finally {
            writes.incrementAndGet();
            last = null;
        }
    }
}
