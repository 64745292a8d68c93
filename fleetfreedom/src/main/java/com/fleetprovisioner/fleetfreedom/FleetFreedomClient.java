package com.fleetprovisioner.fleetfreedom;

import com.fleetprovisioner.common.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to Fleet Freedom, used once: after it closes, make a new one (the
 * {@link SessionSupervisor} does). Waits for {@code connectionResponse}, resumes the given ghostId or
 * logs in, then lets its {@link CommandPipeline} send queued commands. Replies are matched by
 * {@code reqId} and classified here; session errors (7, 8, 9, 10, 19) lead to a new login and a resend.
 */
public final class FleetFreedomClient implements FleetFreedomApi, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FleetFreedomClient.class);
    /** Frame log, DEBUG only, passwords masked. */
    private static final Logger frames = LoggerFactory.getLogger("com.fleetprovisioner.fleetfreedom.frames");

    private final FleetFreedomConfig config;
    private final PauseGate pauseGate;
    private final Clock clock;
    private final FrameCodec codec = new FrameCodec();
    private final ClientSocket socket;
    private final CommandPipeline pipeline;
    private final ReplyHandler replies;
    private final AtomicBoolean loginInProgress = new AtomicBoolean();
    private final AtomicBoolean closedOnce = new AtomicBoolean();
    private final CompletableFuture<SessionInfo> established = new CompletableFuture<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final SessionGate gate = new SessionGate();
    private final ServerClockOffset serverClock = new ServerClockOffset();
    private volatile String ghostId;
    private volatile CommandOutcome.Stop<?> stop;

    /** @param resumeGhostId a saved session to resume by URL path, or null to log in */
    public FleetFreedomClient(FleetFreedomConfig config, PauseGate pauseGate, Clock clock, String resumeGhostId) {
        this(config, pauseGate, SendBudget.perClient(config.commandsPerSecond()), clock, resumeGhostId);
    }

    /** @param budget when commands may be written: this client's own pacing, or one shared by processes */
    public FleetFreedomClient(FleetFreedomConfig config, PauseGate pauseGate, SendBudget budget, Clock clock,
                              String resumeGhostId) {
        this.config = config;
        this.pauseGate = pauseGate;
        this.clock = clock;
        this.ghostId = resumeGhostId;
        this.pipeline = new CommandPipeline(config, pauseGate, budget, clock, codec,
                CommandPipeline.Link.of(gate, this::write));
        this.replies = new ReplyHandler(config, pipeline, gate, serverClock, pauseGate, budget, codec,
                this::login, this::enterStop);
        this.socket = new ClientSocket(config.connectUri(resumeGhostId),
                (int) config.connectTimeout().toMillis(), new SocketEvents());
    }

    /** Opens the socket; the future completes once logged in (or resumed), or fails if that never happens. */
    public CompletableFuture<SessionInfo> connect() {
        pipeline.start(this::keepAlive);
        socket.connect();
        return established;
    }

    @Override
    public <T> CompletableFuture<CommandOutcome<T>> execute(Request<T> request) {
        if (stop != null) {
            return CompletableFuture.completedFuture(stop.asFailure());
        }
        if (gate.isClosing()) {
            return CompletableFuture.completedFuture(CommandOutcome.notConnected("the connection is closed"));
        }
        PendingCommand<T> pending = pipeline.pending(request, false);
        pipeline.enqueue(pending);
        if (gate.isClosing()) {
            failQueued("the connection is closed");
        }
        return pending.future;
    }

    /** Server clock minus local clock, measured from {@code serverTime} of the session responses. */
    public Duration serverClockOffset() {
        return serverClock.get();
    }

    public Instant toServerTime(Instant local) {
        return serverClock.toServerTime(local);
    }

    public Optional<String> ghostId() {
        return Optional.ofNullable(ghostId);
    }

    public boolean isReady() {
        return gate.isReady() && !gate.isClosing();
    }

    /** True once the connection is gone; a closed client never sends again. */
    public boolean isClosed() {
        return gate.isClosing();
    }

    public Optional<CommandOutcome.Stop<?>> stopOutcome() {
        return Optional.ofNullable(stop);
    }

    /** Completes with a reason once the connection is gone for good. */
    public CompletableFuture<String> onClosed() {
        return closed;
    }

    @Override
    public void close() {
        socket.closeNow();
        onClosed("closed by this client");
    }

    /** The pipeline's writes; the socket is made after the pipeline. */
    private void write(String frame) {
        socket.send(frame);
    }

    private final class SocketEvents implements ClientSocket.Events {
        public void opened() {
            log.debug("socket open to {}", config.endpoint());
        }

        public void text(String frame) {
            try {
                onText(frame);
            } catch (RuntimeException e) {
                log.error("frame handling failed; frame ignored: {}", Secrets.maskFrame(frame), e);
            }
        }

        public void closed(int code, String reason, boolean remote) {
            onClosed("connection closed (" + code + (reason == null || reason.isEmpty() ? "" : ": " + reason) + ")");
        }

        public void failed(Exception e) {
            log.warn("socket error on {}: {}", config.endpoint(), e.toString());
        }
    }

    private void onText(String frame) {
        if (frames.isDebugEnabled()) {
            frames.debug("< {}", Secrets.maskFrame(frame));
        }
        Instant now = clock.instant();
        Inbound in = codec.decode(frame);
        if (in instanceof Inbound.Reply reply) {
            if ("connectionResponse".equals(reply.name())) {
                onConnectionResponse(reply, now);
            } else if (reply.reqId() != null) {
                replies.onReply(reply, now);
            } else {
                log.debug("reply without reqId ignored: {}", reply.name());
            }
        } else if (in instanceof Inbound.Broadcast broadcast) {
            onBroadcast(broadcast);
        } else if (in instanceof Inbound.SessionEnded) {
            // Not logging in at once: if another login of this user replaced us, an eager re-login would
            // fight it. The next command gets 8 or 9 and logs in then.
            log.warn("Fleet Freedom ended this session (another login of the same user, or policy)");
        } else if (in instanceof Inbound.DecodeError error) {
            log.warn("ignoring an undecodable frame ({}): {}", error.problem(), abbreviate(Secrets.maskFrame(frame)));
        } else {
            log.debug("unsolicited message ignored: {}", ((Inbound.Unsolicited) in).name());
        }
    }

    private void onConnectionResponse(Inbound.Reply reply, Instant now) {
        SessionInfo session = readQuietly(reply, SessionInfo.class);
        serverClock.measureAtArrival(now, session);
        if (reply.ok() && session != null && session.loggedIn()) {
            log.info("resumed Fleet Freedom session as {}", session.user().login());
            becomeReady(session);
        } else {
            login();
        }
    }

    private void login() {
        if (stop != null || gate.isClosing() || !loginInProgress.compareAndSet(false, true)) {
            return;
        }
        gate.suspend();
        PendingCommand<SessionInfo> pending = pipeline.pending(
                Request.login(config.username(), config.password(), config.userAgent()), true);
        pending.future.thenAccept(this::onLoginOutcome);
        pipeline.write(pending);
    }

    private void onLoginOutcome(CommandOutcome<SessionInfo> outcome) {
        loginInProgress.set(false);
        if (outcome instanceof CommandOutcome.Success<SessionInfo> success) {
            SessionInfo session = success.response();
            log.info("logged in to {} as {}", config.endpoint(), config.username());
            becomeReady(session);
        } else if (outcome instanceof CommandOutcome.Retryable<SessionInfo> retry) {
            Duration delay = retry.serverRequestedDelay().orElse(config.backoffInitial());
            log.warn("login failed ({}: {}); trying again in {}", retry.code(), retry.message(), delay);
            pipeline.schedule(this::login, delay);
        } else if (outcome instanceof CommandOutcome.Stop<SessionInfo> s) {
            enterStop(s);
        } else if (outcome instanceof CommandOutcome.Permanent<SessionInfo> p) {
            enterStop(new CommandOutcome.Stop<>(p.code(), "Fleet Freedom refused the login: " + p.reason()));
        } else if (!gate.isClosing()) {
            log.warn("no answer to login; closing the connection so that it is re-established");
            socket.close();
        }
    }

    private void becomeReady(SessionInfo session) {
        if (session != null && session.ghostId() != null) {
            ghostId = session.ghostId();
        }
        gate.open(clock.instant());
        established.complete(session);
    }

    private void onBroadcast(Inbound.Broadcast broadcast) {
        log.info("broadcast {}: {}", broadcast.kind(), broadcast.message());
        if (broadcast.isMaintenance() && broadcast.starting() != null && broadcast.ending() != null) {
            pauseGate.pause(serverClock.toLocalTime(broadcast.starting()),
                    serverClock.toLocalTime(broadcast.ending()), PauseGate.Kind.MAINTENANCE, "Fleet Freedom maintenance: " + broadcast.message());
        }
    }

    private void enterStop(CommandOutcome.Stop<?> s) {
        if (stop != null) {
            return;
        }
        stop = s;
        log.error("Fleet Freedom account problem, sending stopped: {}", s.reason());
        gate.suspend();
        failQueued("stopped");
        socket.close();
    }

    private void keepAlive() {
        if (isReady() && pipeline.idleForKeepAlive()) {
            pipeline.markSent();
            execute(Request.noop());
        }
    }

    private void onClosed(String reason) {
        if (!closedOnce.compareAndSet(false, true)) {
            return;
        }
        gate.close();
        log.info("Fleet Freedom connection to {} ended: {}", config.endpoint(), reason);
        pipeline.failInFlight(reason);
        failQueued(reason);
        established.completeExceptionally(new IllegalStateException(stop != null ? stop.reason() : reason));
        pipeline.shutdown(() -> closed.complete(reason));
    }

    private void failQueued(String reason) {
        pipeline.failQueued(() -> stop != null ? stop.asFailure() : CommandOutcome.notConnected(reason));
    }

    private <T> T readQuietly(Inbound.Reply reply, Class<T> type) {
        try {
            return codec.read(reply.body(), type);
        } catch (RuntimeException e) {
            log.warn("unreadable {}: {}", reply.name(), e.getMessage());
            return null;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
