package com.fleetprovisioner.fleetfreedom;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a reply to one of our commands means for that command: a success (read by its request), a refusal
 * for want of a session (log in again, resend it first), a throttle (every sender pauses), or an answer to
 * classify. {@link FleetFreedomClient} owns the connection and the session; this class answers commands.
 */
final class ReplyHandler {
    /** Logs under the client's name: one story per connection. */
    private static final Logger log = LoggerFactory.getLogger(FleetFreedomClient.class);

    private final FleetFreedomConfig config;
    private final CommandPipeline pipeline;
    private final SessionGate gate;
    private final ServerClockOffset serverClock;
    private final PauseGate pauseGate;
    private final SendBudget budget;
    private final FrameCodec codec;
    /** A refusal for want of a session asks the client to log in again. */
    private final Runnable login;
    /** An account problem (bad credentials, disabled user) stops every send. */
    private final Consumer<CommandOutcome.Stop<?>> stop;

    ReplyHandler(FleetFreedomConfig config, CommandPipeline pipeline, SessionGate gate, ServerClockOffset serverClock,
            PauseGate pauseGate, SendBudget budget, FrameCodec codec, Runnable login,
            Consumer<CommandOutcome.Stop<?>> stop) {
        this.config = config;
        this.pipeline = pipeline;
        this.gate = gate;
        this.serverClock = serverClock;
        this.pauseGate = pauseGate;
        this.budget = budget;
        this.codec = codec;
        this.login = login;
        this.stop = stop;
    }

    void onReply(Inbound.Reply reply, Instant now) {
        PendingCommand<?> pending = pipeline.claim(reply.reqId());
        if (pending == null) {
            log.warn("late or unknown reply {} reqId={} errorCode={} (its command was already reported)",
                    reply.name(), reply.reqId(), reply.errorCode());
            return;
        }
        ErrorCode code = reply.code();
        if (reply.ok() || code == pending.request.absentCode()) {
            succeed(pending, reply, now);
        } else if (code.isSessionLost() && !pending.internal) {
            onSessionLost(pending, reply);
        } else {
            if (code.isThrottle()) {
                Duration delay = OutcomeClassifier.throttleDelay(reply.errorDetails()).orElse(config.backoffInitial());
                log.warn("Fleet Freedom throttled {}: pausing all sends for {}", pending.describe(), delay);
                pauseGate.pauseFor(delay, PauseGate.Kind.THROTTLE, "Fleet Freedom throttled us (" + code + ")");
                budget.throttled(delay);
            }
            CommandOutcome<Object> outcome = OutcomeClassifier.classify(reply);
            if (outcome instanceof CommandOutcome.Stop<Object> s && !pending.internal) {
                stop.accept(s);
            }
            pipeline.complete(pending, outcome);
        }
    }

    private <T> void succeed(PendingCommand<T> pending, Inbound.Reply reply, Instant now) {
        CommandOutcome<T> outcome;
        try {
            T value = pending.request.reader().read(reply, codec);
            if (value instanceof SessionInfo session) {
                serverClock.measureRoundTrip(pending.sentAt, now, session);
            }
            outcome = new CommandOutcome.Success<>(value, pending.sentAt, now, serverClock.toServerTime(now));
        } catch (RuntimeException e) {
            // The server said success; if we cannot read the answer we must not claim either way.
            log.error("unreadable success reply to {}", pending.describe(), e);
            outcome = new CommandOutcome.UnknownOutcome<>("success reply could not be read: " + e.getMessage());
        }
        pipeline.complete(pending, outcome);
    }

    /** The server refused the command for want of a session, so it was not applied: log in, resend. */
    private void onSessionLost(PendingCommand<?> pending, Inbound.Reply reply) {
        if (pending.sessionRetries >= config.sessionRetries()) {
            pipeline.complete(pending, OutcomeClassifier.classify(reply));
            return;
        }
        pending.sessionRetries++;
        log.info("{} answered {}: logging in again and resending", pending.describe(), reply.code());
        boolean sentBeforeCurrentSession = pending.sentAt.isBefore(gate.readySince()) && gate.isReady();
        if (!sentBeforeCurrentSession) {
            // Before requeueing: the dispatcher must not pick the command up on the dead session.
            gate.suspend();
        }
        pipeline.requeueFirst(pending);
        if (!sentBeforeCurrentSession) {
            login.run();
        }
    }
}
