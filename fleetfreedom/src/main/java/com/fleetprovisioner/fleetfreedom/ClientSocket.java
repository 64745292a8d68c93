package com.fleetprovisioner.fleetfreedom;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.handshake.ServerHandshake;

/** The Java-WebSocket client, reduced to forwarding its events; all logic lives in {@link FleetFreedomClient}. */
final class ClientSocket extends WebSocketClient {

    interface Events {
        void opened();

        void text(String frame);

        void closed(int code, String reason, boolean remote);

        void failed(Exception e);
    }

    private final Events events;

    ClientSocket(URI uri, int connectTimeoutMillis, Events events) {
        super(uri, new Draft_6455(), Map.of(), connectTimeoutMillis);
        this.events = events;
        setTcpNoDelay(true);
    }

    /**
     * Closes politely when open; otherwise ends the TCP connection itself: Java-WebSocket's close() before
     * the handshake's answer leaves its read thread blocked on a socket that a silent server never ends
     * (issue 15: a "Test connection" to a port that accepts and never answers left both behind).
     */
    void closeNow() {
        boolean open = isOpen();
        close();
        Socket raw = getSocket();
        if (!open && raw != null) {
            try {
                raw.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
        events.opened();
    }

    @Override
    public void onMessage(String message) {
        events.text(message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
        events.closed(code, reason, remote);
    }

    @Override
    public void onError(Exception ex) {
        events.failed(ex);
    }
}
