package com.fleetprovisioner.web.settings;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * A stand-in for the host an attacker points "Test connection" at: it says just enough of the protocol
 * (a connectionResponse without a session, which asks the client to log in) to receive whatever a client
 * would send, records the path and every frame, and closes the connection after the first frame.
 */
final class CapturingWebSocketServer extends WebSocketServer implements AutoCloseable {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);

    private CapturingWebSocketServer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
    }

    static CapturingWebSocketServer listening() throws InterruptedException {
        CapturingWebSocketServer server = new CapturingWebSocketServer();
        server.start();
        server.started.await();
        return server;
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + getPort() + "/");
    }

    int connections() {
        return connections.get();
    }

    List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        connections.incrementAndGet();
        received.add(handshake.getResourceDescriptor());
        conn.send("connectionResponse {\"errorCode\":0,\"message\":\"\",\"serverTime\":\""
                + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS) + "\",\"ghostId\":\"capture\"}");
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(message);
        conn.close();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    @Override
    public void close() throws InterruptedException {
        stop(1000);
    }
}
