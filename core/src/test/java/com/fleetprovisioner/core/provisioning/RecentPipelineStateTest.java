package com.fleetprovisioner.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Reads within the age come from memory; this process's own writes are seen at once. */
class RecentPipelineStateTest {
    private static final Instant T = Instant.parse("2026-12-03T10:00:00Z");

    /** The shared row, in memory: counts how often it is read. */
    private static final class Row implements PipelineState {
        int reads;
        PipelineStatus status = running();

        public PipelineStatus read() {
            reads++;
            return status;
        }

        public void stop(int code, String reason, Instant now) {
            status = new PipelineStatus(Optional.of(code), Optional.of(reason), Optional.of(now), Optional.empty(),
                    Optional.empty(), now);
        }

        public void resume(Instant now) {
            status = running();
        }

        public void throttleUntil(Instant until, Instant now) {
            status = new PipelineStatus(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(until),
                    Optional.empty(), now);
        }

        public void maintenanceUntil(Instant until, Instant now) {
            status = new PipelineStatus(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.of(until), now);
        }

        static PipelineStatus running() {
            return new PipelineStatus(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), T);
        }
    }

    private final Row row = new Row();
    private final AtomicLong nanos = new AtomicLong();
    private final RecentPipelineState recent = new RecentPipelineState(row, Duration.ofMillis(500), nanos::get);

    @Test
    void readsWithinTheAgeComeFromMemoryAndALaterOneFromTheRow() {
        recent.read();
        nanos.addAndGet(Duration.ofMillis(499).toNanos());
        recent.read();
        assertThat(row.reads).isEqualTo(1);
        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        recent.read();
        assertThat(row.reads).isEqualTo(2);
    }

    @Test
    void anotherWorkersStopIsSeenOnceTheAgeHasPassed() {
        assertThat(recent.read().stopped()).isFalse();
        row.stop(11, "bad credentials", T); // written by another process
        assertThat(recent.read().stopped()).as("within the age").isFalse();
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(recent.read().stopped()).isTrue();
    }

    @Test
    void thisProcesssOwnWritesAreSeenAtOnce() {
        recent.read();
        recent.throttleUntil(T.plusSeconds(5), T);
        assertThat(recent.read().heldUntil(T)).contains(T.plusSeconds(5));
        recent.stop(14, "account locked", T);
        assertThat(recent.read().stopped()).isTrue();
        recent.resume(T.plusSeconds(1));
        assertThat(recent.read().stopped()).isFalse();
        recent.maintenanceUntil(T.plusSeconds(60), T);
        assertThat(recent.read().heldUntil(T)).contains(T.plusSeconds(60));
        assertThat(row.reads).as("every read after a write went to the row").isEqualTo(5);
    }
}
