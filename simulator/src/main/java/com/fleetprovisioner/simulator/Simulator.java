package com.fleetprovisioner.simulator;

import com.fleetprovisioner.common.DaemonThreads;
import com.fleetprovisioner.fleetfreedom.FrameCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.java_websocket.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Fleet Freedom simulator: WebSocket server plus local HTTP control API. Data, sessions, ledger
 * and faults survive {@link #stopServer()} / {@link #startServer()} so that reconnection can be tested.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Simulator.class);

    private final SimulatorConfig config;
    private final Clock clock = Clock.systemUTC();
    private final FrameCodec codec = new FrameCodec();
    private final World world;
    private final Ledger ledger = new Ledger();
    private final Receipts receipts = new Receipts();
    private final CommandRate commandRate = new CommandRate();
    private final Faults faults;
    private final SessionStore sessions;
    private final CommandProcessor processor;
    private final FrameHandler frames;
    private final ScheduledExecutorService delays;
    private final ControlApi control;
    private int port;
    private SimulatorServer server;

    private Simulator(SimulatorConfig config) {
        this.config = config;
        this.world = new World(config);
        this.faults = new Faults(config.faults());
        this.sessions = new SessionStore(config.sessionTimeout());
        this.processor = new CommandProcessor(config, world, sessions, ledger, receipts, commandRate, faults, codec);
        this.frames = new FrameHandler(processor, codec, clock);
        this.delays = Executors.newScheduledThreadPool(2, DaemonThreads.named("simulator-latency"));
        this.port = config.port();
        this.control = new ControlApi(this, codec.mapper());
    }

    public static Simulator start(SimulatorConfig config) {
        Simulator simulator = new Simulator(config);
        simulator.startServer();
        simulator.control.start(config.controlHost(), config.controlPort());
        log.info("Fleet Freedom simulator on {} (control {})", simulator.webSocketUri(), simulator.controlUri());
        return simulator;
    }

    /** Starts the WebSocket server again on the same port (after {@link #stopServer()}). */
    public synchronized void startServer() {
        if (server != null) {
            return;
        }
        SimulatorServer next = new SimulatorServer(new InetSocketAddress(config.host(), port), frames, faults, delays,
                clock);
        next.start();
        try {
            next.started().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("simulator could not listen on " + config.host() + ":" + port, e);
        }
        port = next.getPort();
        server = next;
    }

    /** Stops the WebSocket server (every client is disconnected); the control API stays up. */
    public synchronized void stopServer() {
        if (server == null) {
            return;
        }
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    public void restart() {
        stopServer();
        startServer();
    }

    public synchronized URI webSocketUri() {
        return URI.create("ws://" + config.host() + ":" + port + "/");
    }

    public URI controlUri() {
        return control.uri();
    }

    /** What a control API request sends as {@code Authorization: Bearer <token>}. */
    public String controlToken() {
        return config.controlToken();
    }

    public Ledger ledger() {
        return ledger;
    }

    /** The server-wide command-rate limit's window and the 105s it answered. */
    public CommandRate commandRate() {
        return commandRate;
    }

    /** Every command frame received, by name and time. */
    public Receipts receipts() {
        return receipts;
    }

    public Faults faults() {
        return faults;
    }

    public World world() {
        return world;
    }

    public SimulatorConfig config() {
        return config;
    }

    /** The server's end of every open WebSocket connection (tests). */
    synchronized Collection<WebSocket> connections() {
        return server == null ? List.of() : server.getConnections();
    }

    /** Every session expires now: the next command on it gets error 7. */
    public void expireSessions() {
        sessions.expireAll(clock.instant());
    }

    /** Announces maintenance to every connected client: {@code broadcast {kind:"maintenance", starting, ending}}. */
    public void broadcastMaintenance(Duration startsIn, Duration lasts, String message) {
        Instant now = clock.instant();
        var body = codec.mapper().createObjectNode()
                .put("kind", "maintenance")
                .put("serverTime", FrameCodec.formatTime(now))
                .put("message", message)
                .put("starting", FrameCodec.formatTime(now.plus(startsIn)))
                .put("ending", FrameCodec.formatTime(now.plus(startsIn).plus(lasts)));
        SimulatorServer s;
        synchronized (this) {
            s = server;
        }
        if (s != null) {
            s.broadcast(codec.encode("broadcast", body));
        }
    }

    /** Sends a raw text frame to every connected client (tests: garbage from the server). */
    public void broadcastRaw(String frame) {
        SimulatorServer s;
        synchronized (this) {
            s = server;
        }
        if (s != null) {
            s.broadcast(frame);
        }
    }

    public void stop() {
        stopServer();
        control.stop();
        delays.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    static UncheckedIOException unchecked(IOException e) {
        return new UncheckedIOException(e);
    }
}
