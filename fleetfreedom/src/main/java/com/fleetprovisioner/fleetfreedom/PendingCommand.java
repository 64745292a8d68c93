package com.fleetprovisioner.fleetfreedom;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One command from submission to outcome; mutable fields are touched under the client's rules below.
 * Its {@link Phase} decides, atomically, between the writer and the deadline: a command is either taken
 * for writing or ended unsent, never both.
 */
final class PendingCommand<T> {

    enum Phase {
        /** Queued, or back in the queue after the server refused it for want of a session. */
        WAITING,
        /** Taken by the writer: it goes, or went, to the socket. */
        WRITING,
        /** Completed without being written (deadline, closed connection). */
        ENDED
    }

    final Request<T> request;
    final CompletableFuture<CommandOutcome<T>> future = new CompletableFuture<>();
    /** Login is sent outside the queue and holds no in-flight permit. */
    final boolean internal;
    /** The last moment the frame may be written; empty for unfenced commands. */
    final Optional<Instant> writeBy;
    final AtomicBoolean holdsPermit = new AtomicBoolean();
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.WAITING);
    volatile long reqId;
    volatile Instant sentAt;
    volatile ScheduledFuture<?> timeout;
    /** Ends the command unsent at its write-by deadline; cancelled once it is written. */
    volatile ScheduledFuture<?> deadline;
    int sessionRetries;

    PendingCommand(Request<T> request, boolean internal, Optional<Instant> writeBy) {
        this.request = request;
        this.internal = internal;
        this.writeBy = writeBy;
    }

    /** True when the frame may no longer be written at {@code now}. */
    boolean pastWriteBy(Instant now) {
        return writeBy.isPresent() && !now.isBefore(writeBy.get());
    }

    /** The writer's claim; false when the command already ended unsent. */
    boolean takeForWriting() {
        return phase.compareAndSet(Phase.WAITING, Phase.WRITING);
    }

    /** Ends a command that was not written; false when the writer has it (or it ended already). */
    boolean endUnsent() {
        return phase.compareAndSet(Phase.WAITING, Phase.ENDED);
    }

    /** Back to waiting after the server refused it unapplied (session lost); false when it ended meanwhile. */
    boolean waitAgain() {
        return phase.compareAndSet(Phase.WRITING, Phase.WAITING) || phase.get() == Phase.WAITING;
    }

    boolean ended() {
        return phase.get() == Phase.ENDED;
    }

    String describe() {
        return request.command().commandName() + "#" + reqId;
    }
}
