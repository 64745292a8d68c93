package com.fleetprovisioner.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A client of a simulator's control API in another process: sends the control token it printed at start,
 * and JSON bodies as {@code application/json}. For tests, benchmarks and scripts.
 */
public final class ControlClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI base;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    public ControlClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The control API's address and token as the simulator's start banner prints them. */
    public static ControlClient of(Simulator simulator) {
        return new ControlClient(simulator.controlUri(), simulator.controlToken());
    }

    public URI base() {
        return base;
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** A POST (or PUT, PATCH) with a JSON body. */
    public HttpResponse<String> send(String method, String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
