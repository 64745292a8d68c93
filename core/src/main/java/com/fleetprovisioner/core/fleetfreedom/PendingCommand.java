package com.fleetprovisioner.core.fleetfreedom;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One command from submission to outcome; mutable fields are touched under the client's rules below. */
final class PendingCommand<T> {

    final Request<T> request;
    final CompletableFuture<CommandOutcome<T>> future = new CompletableFuture<>();
    /** Login is sent outside the queue and holds no in-flight permit. */
    final boolean internal;
    volatile long reqId;
    volatile Instant sentAt;
    volatile ScheduledFuture<?> timeout;
    volatile boolean holdsPermit;
    int sessionRetries;

    PendingCommand(Request<T> request, boolean internal) {
        this.request = request;
        this.internal = internal;
    }

    String describe() {
        return request.command().commandName() + "#" + reqId;
    }
}
