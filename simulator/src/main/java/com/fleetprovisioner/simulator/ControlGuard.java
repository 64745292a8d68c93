package com.fleetprovisioner.simulator;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Who may use the {@link ControlApi}: the holder of its token, from this machine, never a web page. */
final class ControlGuard {
    record Refusal(int status, String message) {
    }

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Set<String> OPEN = Set.of("GET /health");
    private static final Set<String> READS = Set.of("GET", "HEAD");

    private final byte[] token;
    private final String listenHost;

    ControlGuard(String token, String listenHost) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.listenHost = listenHost.toLowerCase(Locale.ROOT);
    }

    Optional<Refusal> check(String methodAndPath, Headers headers) {
        if (!hostAllowed(headers.getFirst("Host"))) {
            return Optional.of(new Refusal(403, "Host not accepted"));
        }
        if (headers.containsKey("Origin")) {
            return Optional.of(new Refusal(403, "requests from web pages are not accepted"));
        }
        if (OPEN.contains(methodAndPath)) {
            return Optional.empty();
        }
        if (!authorised(headers.getFirst("Authorization"))) {
            return Optional.of(new Refusal(401, "send the control token printed at start: Authorization: Bearer <token>"));
        }
        String method = methodAndPath.substring(0, methodAndPath.indexOf(' '));
        String type = Optional.ofNullable(headers.getFirst("Content-Type")).orElse("").toLowerCase(Locale.ROOT);
        if (!READS.contains(method) && !type.startsWith("application/json")) {
            return Optional.of(new Refusal(415, "send Content-Type: application/json"));
        }
        return Optional.empty();
    }

    private boolean hostAllowed(String header) {
        if (header == null) {
            return false;
        }
        String host = header.toLowerCase(Locale.ROOT).strip();
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon) {
            host = host.substring(0, colon);
        }
        return LOOPBACK_NAMES.contains(host) || host.equals(listenHost) || ("[" + listenHost + "]").equals(host);
    }

    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(header.substring(7).strip().getBytes(StandardCharsets.UTF_8), token);
    }
}
