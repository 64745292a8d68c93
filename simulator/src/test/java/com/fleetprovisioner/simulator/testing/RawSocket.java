package com.fleetprovisioner.simulator.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;

/** A bare WebSocket that sends hand-written frames and hands back what the server says, in order. */
public final class RawSocket extends WebSocketClient implements AutoCloseable {

    /** A received frame split into its name and JSON body. */
    public record Frame(String name, JsonNode body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    private RawSocket(URI uri, Map<String, String> headers) {
        super(uri, headers);
    }

    public static RawSocket open(URI uri) throws InterruptedException {
        return open(uri, Map.of());
    }

    public static RawSocket open(URI uri, Map<String, String> headers) throws InterruptedException {
        RawSocket s = new RawSocket(uri, headers);
        if (!s.connectBlocking(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not connect to " + uri);
        }
        return s;
    }

    /** The next frame; fails the test if none arrives within 10 s (a hang, not a timing assertion). */
    public Frame next() throws InterruptedException {
        String text = received.poll(10, TimeUnit.SECONDS);
        if (text == null) {
            throw new AssertionError("no frame from the simulator within 10 s");
        }
        int space = text.indexOf(' ');
        try {
            return new Frame(space < 0 ? text : text.substring(0, space),
                    space < 0 ? JSON.createObjectNode() : JSON.readTree(text.substring(space + 1)));
        } catch (Exception e) {
            throw new AssertionError("simulator sent unparsable frame: " + text, e);
        }
    }

    /** Sends a frame and returns the next one received. */
    public Frame call(String frame) throws InterruptedException {
        send(frame);
        return next();
    }

    public Frame login(String user, String password) throws InterruptedException {
        return call("login {\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"userAgent\":\"raw\",\"reqId\":1}");
    }

    @Override
    public void onOpen(ServerHandshake handshake) {
    }

    @Override
    public void onMessage(String message) {
        received.add(message);
    }

    @Override
    public void onClose(int code, String reason, boolean remote) {
    }

    @Override
    public void onError(Exception ex) {
    }

    @Override
    public void close() {
        super.close();
    }
}
