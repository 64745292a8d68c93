package com.fleetprovisioner.fleetfreedom;

import com.fleetprovisioner.common.DaemonThreads;
import com.fleetprovisioner.common.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.java_websocket.exceptions.WebsocketNotConnectedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sending half of a {@link FleetFreedomClient}: queue, one dispatcher thread (in-flight cap, pause
 * gate, pacing), reqIds, the table of commands written but unanswered, their timeouts, and completion of
 * futures on a callback thread. Rules: whoever removes a command from the in-flight table completes it;
 * a command not yet written is completed by whoever ends it ({@link PendingCommand#endUnsent()}).
 *
 * <p>Fencing: a command with a write-by deadline ({@link Request#settleBy()} less the reply timeout) is
 * checked against the clock immediately before its frame is written, and a timer ends it as
 * {@link CommandOutcome.NotSent} at the deadline while it still waits (pause gate, in-flight cap, a
 * connection being re-established), so its caller gives up before its lease ends instead of waiting.
 */
final class CommandPipeline {

    /** What the pipeline needs to know of the connection. */
    interface Link {
        /** Blocks until the session is usable; false once the connection is closing. */
        boolean awaitReady() throws InterruptedException;

        boolean isReady();

        boolean isClosing();

        /** Writes a frame; throws {@link WebsocketNotConnectedException} when it cannot. */
        void send(String frame);

        /** A connection whose session state is {@code gate} and whose frames go to {@code writer}. */
        static Link of(SessionGate gate, Consumer<String> writer) {
            return new Link() {
                public boolean awaitReady() throws InterruptedException {
                    return gate.awaitReady();
                }

                public boolean isReady() {
                    return gate.isReady();
                }

                public boolean isClosing() {
                    return gate.isClosing();
                }

                public void send(String frame) {
                    writer.accept(frame);
                }
            };
        }
    }

    private static final Logger log = LoggerFactory.getLogger(FleetFreedomClient.class);
    private static final Logger frames = LoggerFactory.getLogger("com.fleetprovisioner.fleetfreedom.frames");

    private final FleetFreedomConfig config;
    private final PauseGate pauseGate;
    private final Clock clock;
    private final FrameCodec codec;
    private final Link link;
    private final ScheduledThreadPoolExecutor timers = timerThread();
    private final ExecutorService callbacks = Executors.newSingleThreadExecutor(DaemonThreads.named("ff-callbacks"));
    private final Thread dispatcher = DaemonThreads.named("ff-dispatcher").newThread(this::dispatchLoop);
    private final BlockingDeque<PendingCommand<?>> queue = new LinkedBlockingDeque<>();
    private final Map<Long, PendingCommand<?>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong reqIds = new AtomicLong();
    private final Semaphore permits;
    private final SendBudget budget;
    private volatile long lastSentNanos = System.nanoTime();

    CommandPipeline(FleetFreedomConfig config, PauseGate pauseGate, SendBudget budget, Clock clock, FrameCodec codec,
                    Link link) {
        this.config = config;
        this.pauseGate = pauseGate;
        this.clock = clock;
        this.codec = codec;
        this.link = link;
        this.permits = new Semaphore(config.maxInFlight());
        this.budget = budget;
    }

    void start(Runnable keepAlive) {
        dispatcher.start();
        long period = Math.max(50, config.keepAliveIdle().toMillis() / 4);
        timers.scheduleWithFixedDelay(keepAlive, period, period, TimeUnit.MILLISECONDS);
    }

    /** A new command for the client's queue, with its write-by deadline if the request has one. */
    <T> PendingCommand<T> pending(Request<T> request, boolean internal) {
        return new PendingCommand<>(request, internal, request.writeBy(config.commandTimeout()));
    }

    void enqueue(PendingCommand<?> pending) {
        if (armWriteBy(pending)) {
            queue.add(pending);
        }
    }

    /**
     * Starts the timer that ends a waiting command unsent at its write-by deadline, unless one is running
     * already (a command put back before it was written keeps its own). False when the command ended instead:
     * its deadline has passed, or the connection's timers are stopped.
     */
    private boolean armWriteBy(PendingCommand<?> pending) {
        if (pending.writeBy.isEmpty() || pending.deadline != null && !pending.deadline.isDone()) {
            return true;
        }
        long millis = Duration.between(clock.instant(), pending.writeBy.get()).toMillis();
        if (millis <= 0) {
            expire(pending);
            return false;
        }
        try {
            pending.deadline = timers.schedule(() -> expire(pending), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            endUnsent(pending, CommandOutcome.notConnected("the connection is closed"));
            return false;
        }
        return true;
    }

    /**
     * Puts a command back at the head of the queue, e.g. to resend it after logging in again. One the server
     * refused after it was written lost its write-by timer then: it gets a new one, so that it still ends
     * unsent at its deadline while it waits for the new session, not only when it is taken again.
     */
    void requeueFirst(PendingCommand<?> pending) {
        releasePermit(pending);
        if (!pending.waitAgain()) {
            return;
        }
        if (pending.pastWriteBy(clock.instant())) {
            expire(pending);
            return;
        }
        if (!armWriteBy(pending)) {
            return;
        }
        queue.addFirst(pending);
        // The connection may have ended meanwhile, its queue emptied and its timers stopped (the dispatcher
        // found it closed after taking the command; a refusal was handled while the write thread closed it):
        // nothing else would end the command, and its caller would wait forever. Never written, or refused
        // unapplied, so the next connection may send it.
        if (link.isClosing() && queue.remove(pending)) {
            endUnsent(pending, CommandOutcome.notConnected("the connection closed before the command was sent"));
        }
    }

    /** True when nothing was sent for the keep-alive interval and nothing is waiting. */
    boolean idleForKeepAlive() {
        return System.nanoTime() - lastSentNanos >= config.keepAliveIdle().toNanos() && inFlight.isEmpty()
                && queue.isEmpty();
    }

    void markSent() {
        lastSentNanos = System.nanoTime();
    }

    /**
     * Assigns a reqId, records the command as in flight, starts its timeout and writes it — unless it
     * ended meanwhile or its write-by deadline has passed: the last check before the socket.
     */
    void write(PendingCommand<?> pending) {
        if (!pending.takeForWriting()) {
            releasePermit(pending);
            return;
        }
        if (pending.deadline != null) {
            pending.deadline.cancel(false);
        }
        if (pending.pastWriteBy(clock.instant())) {
            log.info("{} not written: its write-by deadline {} has passed", pending.request.command().commandName(),
                    pending.writeBy.get());
            complete(pending, deadlinePassed(pending));
            return;
        }
        long id = reqIds.incrementAndGet();
        pending.reqId = id;
        pending.sentAt = clock.instant();
        String frame = codec.encode(pending.request.command(), id);
        inFlight.put(id, pending);
        try {
            pending.timeout = timers.schedule(() -> onTimeout(id), config.commandTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
            if (link.isClosing()) {
                throw new WebsocketNotConnectedException();
            }
            link.send(frame);
            markSent();
            if (frames.isDebugEnabled()) {
                frames.debug("> {}", Secrets.maskFrame(frame));
            }
        } catch (WebsocketNotConnectedException | RejectedExecutionException e) {
            if (claim(id) != null) {
                complete(pending, CommandOutcome.notConnected("the connection closed before the command was sent"));
            }
        }
    }

    /** Takes an answered command out of the in-flight table; null if it was already completed. */
    PendingCommand<?> claim(long reqId) {
        PendingCommand<?> pending = inFlight.remove(reqId);
        if (pending != null && pending.timeout != null) {
            pending.timeout.cancel(false);
        }
        return pending;
    }

    @SuppressWarnings("unchecked")
    <T> void complete(PendingCommand<T> pending, CommandOutcome<?> outcome) {
        releasePermit(pending);
        CommandOutcome<T> typed = (CommandOutcome<T>) outcome;
        try {
            callbacks.execute(() -> pending.future.complete(typed));
        } catch (RejectedExecutionException e) {
            pending.future.complete(typed);
        }
    }

    void failQueued(Supplier<CommandOutcome<?>> outcome) {
        PendingCommand<?> pending;
        while ((pending = queue.poll()) != null) {
            endUnsent(pending, outcome.get());
        }
    }

    /** Every written, unanswered command: the frame may have been applied, so the outcome is unknown. */
    void failInFlight(String reason) {
        for (Long id : inFlight.keySet()) {
            PendingCommand<?> pending = claim(id);
            if (pending != null) {
                complete(pending, new CommandOutcome.UnknownOutcome<>(reason
                        + " after the command was written; it may have been applied"));
            }
        }
    }

    void schedule(Runnable task, Duration delay) {
        try {
            timers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("connection closed; not scheduling {}", task);
        }
    }

    /** Stops the threads; {@code last} runs on the callback thread after every pending completion. */
    void shutdown(Runnable last) {
        dispatcher.interrupt();
        timers.shutdownNow();
        callbacks.execute(last);
        callbacks.shutdown();
    }

    private void expire(PendingCommand<?> pending) {
        endUnsent(pending, deadlinePassed(pending));
    }

    private void endUnsent(PendingCommand<?> pending, CommandOutcome<?> outcome) {
        if (pending.endUnsent()) {
            complete(pending, outcome);
        }
    }

    private static CommandOutcome<?> deadlinePassed(PendingCommand<?> pending) {
        return new CommandOutcome.NotSent<>(CommandOutcome.NotSent.Why.DEADLINE_PASSED, "not sent: "
                + pending.request.command().commandName() + " could not be written by " + pending.writeBy.orElseThrow()
                + " (its lease would end before the answer)");
    }

    private void dispatchLoop() {
        PendingCommand<?> current = null;
        try {
            while (!link.isClosing()) {
                current = queue.take();
                if (current.ended()) {
                    current = null;
                    continue;
                }
                if (!link.awaitReady()) {
                    break;
                }
                permits.acquire();
                current.holdsPermit.set(true);
                pauseGate.awaitClear();
                budget.acquire();
                if (link.isReady()) {
                    write(current);
                } else {
                    requeueFirst(current);
                }
                current = null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (current != null) {
                releasePermit(current);
                endUnsent(current, CommandOutcome.notConnected("the connection closed before the command was sent"));
            }
        }
    }

    private void onTimeout(long id) {
        PendingCommand<?> pending = inFlight.remove(id);
        if (pending != null) {
            log.warn("no reply to {} within {}: outcome unknown", pending.describe(), config.commandTimeout());
            complete(pending, new CommandOutcome.UnknownOutcome<>("no reply within " + config.commandTimeout()
                    + "; the command may have been applied"));
        }
    }

    private void releasePermit(PendingCommand<?> pending) {
        if (pending.holdsPermit.getAndSet(false)) {
            permits.release();
        }
    }

    /** Cancelled timers leave the queue at once: a finished command is not kept until its deadline. */
    private static ScheduledThreadPoolExecutor timerThread() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("ff-timers"));
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }
}
