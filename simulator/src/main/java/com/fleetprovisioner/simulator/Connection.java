package com.fleetprovisioner.simulator;

import org.java_websocket.WebSocket;

/** Per-socket state, kept as the Java-WebSocket attachment. */
final class Connection {

    final WebSocket socket;
    /** The logged-in session this socket uses, if any. */
    volatile Session session;
    /** The guest session announced in this socket's connectionResponse (no user). */
    volatile Session guest;
    private long windowStart;
    private int windowCount;

    Connection(WebSocket socket) {
        this.socket = socket;
    }

    boolean isOpen() {
        return socket.isOpen();
    }

    void send(String frame) {
        if (socket.isOpen()) {
            socket.send(frame);
        }
    }

    /** Counts a command in the current throttle window; returns the count including this one. */
    synchronized int countInWindow(long nowMillis, long windowMillis) {
        if (nowMillis - windowStart >= windowMillis) {
            windowStart = nowMillis;
            windowCount = 0;
        }
        return ++windowCount;
    }

    String ip() {
        return socket.getRemoteSocketAddress() == null ? "" : socket.getRemoteSocketAddress().getAddress().getHostAddress();
    }
}
