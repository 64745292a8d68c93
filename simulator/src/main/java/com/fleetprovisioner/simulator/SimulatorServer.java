package com.fleetprovisioner.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The WebSocket side: plain ws:// on the configured address. One instance per start; restart makes a new one. */
final class SimulatorServer extends WebSocketServer {

    private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);
    /** How often a frame left in a connection's queue is looked for ({@link #resumeStalledWrites()}). */
    private static final long STALLED_WRITE_CHECK_MILLIS = 5;

    private final FrameHandler frames;
    private final Faults faults;
    private final ScheduledExecutorService delays;
    private final Clock clock;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile ScheduledFuture<?> stalledWrites;

    SimulatorServer(InetSocketAddress address, FrameHandler frames, Faults faults, ScheduledExecutorService delays,
                    Clock clock) {
        super(address, List.of(new Draft_6455(List.of(), List.of(new AnyProtocol()))));
        this.frames = frames;
        this.faults = faults;
        this.delays = delays;
        this.clock = clock;
        setReuseAddr(true);
        setTcpNoDelay(true);
        setDaemon(true);
    }

    CompletableFuture<Void> started() {
        return started;
    }

    /**
     * "Refuse connections" accepts each waiting TCP connection and resets it at once, before any handshake, so
     * the client sees the connection refused rather than a silent server. Returning false here would cancel the
     * listening socket's key: the server would leave connections unanswered in the backlog and never accept
     * again, even after the fault is cleared. A connection that slips in between is refused at its handshake.
     */
    @Override
    protected boolean onConnect(SelectionKey key) {
        if (faults.get().refuseConnections() && key.channel() instanceof ServerSocketChannel listening) {
            try {
                for (SocketChannel refused = listening.accept(); refused != null; refused = listening.accept()) {
                    reset(refused);
                }
            } catch (IOException e) {
                log.debug("refusing a connection: {}", e.toString());
            }
        }
        return true;
    }

    private static void reset(SocketChannel channel) {
        try (channel) {
            channel.socket().setSoLinger(true, 0);
        } catch (IOException e) {
            log.debug("resetting a refused connection: {}", e.toString());
        }
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
                                                                     ClientHandshake request) throws InvalidDataException {
        if (faults.get().refuseConnections()) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "connections are refused");
        }
        return super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
    }

    @Override
    public void onOpen(WebSocket socket, ClientHandshake handshake) {
        Connection c = new Connection(socket);
        socket.setAttachment(c);
        frames.connectionResponse(c, ghostIdOf(handshake), clock.instant());
    }

    @Override
    public void onMessage(WebSocket socket, String message) {
        Connection c = socket.getAttachment();
        FaultSettings f = faults.get();
        long latency = f.latencyMaxMillis() <= 0 ? 0
                : ThreadLocalRandom.current().nextLong(f.latencyMinMillis(), f.latencyMaxMillis() + 1);
        if (latency == 0) {
            safely(c, message);
        } else {
            delays.schedule(() -> safely(c, message), latency, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason, boolean remote) {
        log.debug("connection closed {} {}", code, reason);
    }

    @Override
    public void onError(WebSocket socket, Exception ex) {
        if (socket == null) {
            started.completeExceptionally(ex);
            log.error("simulator server failed", ex);
        } else {
            log.debug("connection error: {}", ex.toString());
        }
    }

    @Override
    public void onStart() {
        stalledWrites = delays.scheduleWithFixedDelay(this::resumeStalledWrites, STALLED_WRITE_CHECK_MILLIS,
                STALLED_WRITE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
        started.complete(null);
    }

    @Override
    public void stop(int timeout, String closeMessage) throws InterruptedException {
        ScheduledFuture<?> check = stalledWrites;
        if (check != null) {
            check.cancel(false);
        }
        super.stop(timeout, closeMessage);
    }

    /**
     * Asks again for a write on every connection with a frame in its queue. Java-WebSocket 1.6.0's selector
     * thread, once it has written a connection's queue out, sets the connection back to reading only; a frame
     * queued from another thread (our replies come from the latency timer or a decoder thread) between its
     * last look at the queue and that reset stays queued until something else asks for a write on that
     * connection: the next frame sent, or the lost-connection ping a minute later. A client waiting on that
     * one reply waited 60 s (a sequential client at no latency, in about one run of 900 replies in eight).
     * The request costs nothing when the frame is already on its way.
     */
    private void resumeStalledWrites() {
        try {
            for (WebSocket socket : getConnections()) {
                if (socket instanceof WebSocketImpl connection && !connection.outQueue.isEmpty()
                        && connection.getSelectionKey() != null) {
                    onWriteDemand(connection);
                }
            }
        } catch (RuntimeException e) {
            log.debug("looking for stalled writes: {}", e.toString());
        }
    }

    private void safely(Connection c, String message) {
        try {
            frames.handle(c, message);
        } catch (RuntimeException e) {
            log.error("frame handling failed", e);
        }
    }

    /** The ghostId from the path, a {@code ?ghostId=} query or the sub-protocol header (§1). */
    static String ghostIdOf(ClientHandshake handshake) {
        String resource = handshake.getResourceDescriptor() == null ? "/" : handshake.getResourceDescriptor();
        int q = resource.indexOf('?');
        String path = q < 0 ? resource : resource.substring(0, q);
        if (q >= 0) {
            for (String pair : resource.substring(q + 1).split("&")) {
                if (pair.startsWith("ghostId=") && pair.length() > 8) {
                    return URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8);
                }
            }
        }
        String segment = path.replaceAll("^/+|/+$", "");
        if (!segment.isEmpty()) {
            return segment;
        }
        String protocol = handshake.getFieldValue("Sec-WebSocket-Protocol");
        return protocol == null || protocol.isBlank() ? null : protocol.split(",")[0].strip();
    }
}
