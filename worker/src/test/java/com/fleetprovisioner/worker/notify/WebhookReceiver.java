package com.fleetprovisioner.worker.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP endpoint on a free local port that records every POST and answers the statuses it is given
 * in turn (then 200), like a receiver that is down for a while.
 */
final class WebhookReceiver implements AutoCloseable {
    record Received(String body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();

    WebhookReceiver(int... statuses) throws IOException {
        for (int status : statuses) {
            this.statuses.add(status);
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new java.util.HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            received.add(new Received(body, headers));
            Integer status = this.statuses.poll();
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** The next request; fails the test when none came within the (generous) wait. */
    Received next() throws InterruptedException {
        Received r = received.poll(120, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no webhook request arrived");
        }
        return r;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
