package com.fleetprovisioner.fleetfreedom;

import com.fleetprovisioner.common.Backoff;
import com.fleetprovisioner.common.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one logged-in {@link FleetFreedomClient} available. Reconnection happens here, on the supervisor's
 * own thread, because a used Java-WebSocket client cannot reconnect from its own threads: every attempt
 * gets a fresh client, resuming the last ghostId. Delays double from {@code backoffInitial} up to
 * {@code backoffMax}, with jitter so that many workers do not reconnect in step. Stops for good on an
 * account problem (11, 14, 16). Once Fleet Freedom accepts connections again, the client is logged in again
 * within {@link #recoveryBound()}; {@link #reconnectNow()} cuts a backoff delay short.
 */
public final class SessionSupervisor implements FleetFreedomApi, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SessionSupervisor.class);
    /**
     * How soon a command that found its client closed looks for the next one: the supervisor replaces a
     * client within milliseconds, and the command's own deadline bounds the looking.
     */
    private static final Duration NEXT_CLIENT_POLL = Duration.ofMillis(20);

    private final FleetFreedomConfig config;
    private final PauseGate pauseGate;
    private final SendBudget budget;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private volatile CompletableFuture<FleetFreedomClient> current = new CompletableFuture<>();
    private volatile ConnectionStatus status;
    private volatile FleetFreedomClient client;
    private volatile String ghostId;
    private volatile boolean closed;
    /** Written on the supervisor's thread only; volatile for {@link #consecutiveFailures()}. */
    private volatile int failures;
    /** The attempt waiting out its backoff delay, if any; read and written on the supervisor's thread only. */
    private ScheduledFuture<?> nextAttempt;

    public SessionSupervisor(FleetFreedomConfig config, PauseGate pauseGate, Clock clock) {
        this(config, pauseGate, SendBudget.perClient(config.commandsPerSecond()), clock);
    }

    /** @param budget shared by every client this supervisor creates (one at a time) */
    public SessionSupervisor(FleetFreedomConfig config, PauseGate pauseGate, SendBudget budget, Clock clock) {
        this.config = config;
        this.pauseGate = pauseGate;
        this.budget = budget;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ff-supervisor"));
        this.status = new ConnectionStatus(ConnectionState.DISCONNECTED, "not started", config.endpoint(),
                clock.instant());
    }

    public SessionSupervisor(FleetFreedomConfig config) {
        this(config, new PauseGate(Clock.systemUTC()), Clock.systemUTC());
    }

    public void start() {
        executor.execute(this::connectAttempt);
    }

    /** A lost connection shows at once, before the supervisor's own thread has reacted to it. */
    public ConnectionStatus status() {
        ConnectionStatus s = status;
        FleetFreedomClient c = client;
        if (s.state() == ConnectionState.CONNECTED && c != null && c.isClosed()) {
            return new ConnectionStatus(ConnectionState.DISCONNECTED, "connection lost; reconnecting",
                    s.endpoint(), clock.instant());
        }
        return s;
    }

    /** Connections lost or attempts failed since the last login; 0 while logged in. */
    public int consecutiveFailures() {
        return failures;
    }

    public PauseGate pauseGate() {
        return pauseGate;
    }

    /** The connected client, once there is one. */
    public CompletableFuture<FleetFreedomClient> connected() {
        return current.copy();
    }

    public Optional<FleetFreedomClient> currentClient() {
        return Optional.ofNullable(client).filter(FleetFreedomClient::isReady);
    }

    /**
     * Hands the command to the current client, waiting for a connection at most the command timeout, and
     * for a fenced command no later than its write-by deadline. A command a client reports as never
     * written for want of a connection is handed to the next client: that is safe because the server
     * cannot have seen it.
     */
    @Override
    public <T> CompletableFuture<CommandOutcome<T>> execute(Request<T> request) {
        Duration wait = config.commandTimeout();
        Optional<Instant> writeBy = request.writeBy(config.commandTimeout());
        if (writeBy.isPresent()) {
            Duration left = Duration.between(clock.instant(), writeBy.get());
            if (left.isNegative() || left.isZero()) {
                return CompletableFuture.completedFuture(new CommandOutcome.NotSent<>(
                        CommandOutcome.NotSent.Why.DEADLINE_PASSED, "not sent: its write-by deadline "
                                + writeBy.get() + " passed before a connection was available"));
            }
            wait = left.compareTo(wait) < 0 ? left : wait;
        }
        return attempt(request, System.nanoTime() + wait.toNanos());
    }

    private <T> CompletableFuture<CommandOutcome<T>> attempt(Request<T> request, long deadline) {
        long remaining = Math.max(1, deadline - System.nanoTime());
        return current.copy()
                .orTimeout(remaining, TimeUnit.NANOSECONDS)
                .handle((c, error) -> {
                    if (c == null) {
                        return CompletableFuture.completedFuture(this.<T>notConnected(error));
                    }
                    if (c.isClosed()) {
                        return retryLater(request, deadline, null);
                    }
                    return c.execute(request).thenCompose(outcome -> neverWritten(outcome)
                            ? retryLater(request, deadline, outcome) : CompletableFuture.completedFuture(outcome));
                })
                .thenCompose(f -> f);
    }

    /** Re-reads {@code current} shortly: the supervisor replaces a closed client on its own thread. */
    private <T> CompletableFuture<CommandOutcome<T>> retryLater(Request<T> request, long deadline,
                                                                CommandOutcome<T> last) {
        if (closed || System.nanoTime() >= deadline) {
            return CompletableFuture.completedFuture(last != null ? last : notConnected(new TimeoutException()));
        }
        return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(NEXT_CLIENT_POLL.toMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(x -> attempt(request, deadline));
    }

    /** Only a lost connection is worth another client; a passed deadline stays passed. */
    private static boolean neverWritten(CommandOutcome<?> outcome) {
        return outcome instanceof CommandOutcome.NotSent<?> n && n.why() == CommandOutcome.NotSent.Why.NO_CONNECTION;
    }

    /** Idempotent: a second close (a try-with-resources after an explicit one) does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        executor.execute(() -> {
            setStatus(ConnectionState.STOPPED, "closed");
            if (client != null) {
                client.close();
            }
            current.completeExceptionally(new IllegalStateException("supervisor closed"));
        });
        executor.shutdown();
    }

    private void connectAttempt() {
        if (closed) {
            return;
        }
        setStatus(ConnectionState.CONNECTING, failures == 0 ? "connecting" : "reconnecting, attempt " + (failures + 1));
        FleetFreedomClient next = new FleetFreedomClient(config, pauseGate, budget, clock, ghostId);
        client = next;
        next.connect().whenComplete((session, error) -> executor.execute(() -> {
            if (error == null && client == next && !closed) {
                failures = 0;
                next.ghostId().ifPresent(g -> ghostId = g);
                setStatus(ConnectionState.CONNECTED, "logged in as " + config.username());
                current.complete(next);
            }
        }));
        next.onClosed().thenAccept(reason -> executor.execute(() -> onClientClosed(next, reason)));
        // A server can accept the connection and then say nothing (no handshake answer, no
        // connectionResponse): give up on such an attempt and try again, instead of waiting forever.
        executor.schedule(() -> {
            if (client == next && !closed && !next.isReady() && !next.isClosed()) {
                log.warn("Fleet Freedom did not answer within {}; abandoning this connection attempt", establishTimeout());
                next.close();
            }
        }, establishTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * How long after Fleet Freedom accepts connections again the client is logged in again, at most: an
     * attempt begun during the outage ends within {@link #establishTimeout()} (a server that accepted and
     * never answered), the delay after it is at most {@code backoffMax}, and the next attempt is logged in
     * within another {@link #establishTimeout()}.
     */
    public Duration recoveryBound() {
        return config.backoffMax().plus(establishTimeout().multipliedBy(2));
    }

    /**
     * Someone wants Fleet Freedom now (the pickers' "Refresh from Fleet Freedom"): when the supervisor is
     * waiting out a backoff delay, the next attempt starts at once instead. Does nothing while connected, while
     * an attempt is under way, once stopped or closed; so calls cost at most one attempt each, and only after
     * the previous attempt failed. Commands are unaffected: they wait for a connection as before.
     */
    @Override
    public void reconnectNow() {
        try {
            executor.execute(() -> {
                if (!closed && nextAttempt != null && nextAttempt.cancel(false)) {
                    nextAttempt = null;
                    log.info("reconnecting to Fleet Freedom now, before the backoff delay ends (asked for)");
                    connectAttempt();
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("supervisor closed; no reconnection");
        }
    }

    /** Connecting, the server's connectionResponse and the login together. */
    Duration establishTimeout() {
        return config.connectTimeout().multipliedBy(2);
    }

    private void onClientClosed(FleetFreedomClient old, String reason) {
        if (old != client || closed) {
            return;
        }
        old.ghostId().ifPresent(g -> ghostId = g);
        if (current.isDone()) {
            current = new CompletableFuture<>();
        }
        Optional<CommandOutcome.Stop<?>> stop = old.stopOutcome();
        if (stop.isPresent()) {
            setStatus(ConnectionState.STOPPED, stop.get().reason());
            current.completeExceptionally(new StoppedException(stop.get()));
            return;
        }
        Duration delay = backoff(failures++);
        setStatus(ConnectionState.DISCONNECTED, reason + "; retrying in " + delay.toMillis() + " ms");
        log.warn("Fleet Freedom connection lost ({}); reconnecting in {}", reason, delay);
        nextAttempt = executor.schedule(this::connectAttempt, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Doubling, capped, with "equal jitter" ({@link Backoff}). */
    Duration backoff(int attempt) {
        return Backoff.equalJitter(config.backoffInitial(), config.backoffMax(), attempt, Backoff.uniform());
    }

    private void setStatus(ConnectionState state, String detail) {
        status = new ConnectionStatus(state, detail, config.endpoint(), clock.instant());
    }

    private <T> CommandOutcome<T> notConnected(Throwable error) {
        Throwable cause = error.getCause() != null ? error.getCause() : error;
        if (cause instanceof StoppedException stopped) {
            return stopped.stop.asFailure();
        }
        String why = cause instanceof TimeoutException
                ? "no connection to Fleet Freedom within " + config.commandTimeout()
                : "no connection to Fleet Freedom: " + cause.getMessage();
        return CommandOutcome.notConnected(why);
    }

    private static final class StoppedException extends RuntimeException {
        private final transient CommandOutcome.Stop<?> stop;

        StoppedException(CommandOutcome.Stop<?> stop) {
            super(stop.reason(), null, false, false);
            this.stop = stop;
        }
    }
}
