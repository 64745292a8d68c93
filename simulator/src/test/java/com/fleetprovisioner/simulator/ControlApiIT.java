package com.fleetprovisioner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control API refuses everyone but the holder of its token on this machine: no token, a foreign Host
 * (DNS rebinding), an Origin (a web page), a body that is not JSON (a cross-site form) — and nothing changes.
 */
class ControlApiIT {
    private static final String FAULT = "{\"refuseConnections\":true}";
    private static Simulator simulator;
    private static ControlClient control;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorConfig.defaults());
        control = ControlClient.of(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void theTokenHolderChangesFaultsAndReadsTheLedger() {
        assertThat(control.send("PATCH", "/faults", FAULT).statusCode()).isEqualTo(200);
        assertThat(simulator.faults().get().refuseConnections()).isTrue();
        assertThat(control.send("POST", "/faults/reset", "{}").statusCode()).isEqualTo(200);
        assertThat(simulator.faults().get().refuseConnections()).isFalse();
        assertThat(control.get("/ledger").statusCode()).isEqualTo(200);
        assertThat(simulator.controlToken()).hasSizeGreaterThanOrEqualTo(32);
    }

    @Test
    void everyRefusalLeavesTheFaultsAlone() throws Exception {
        Map<String, Integer> refusals = Map.of(
                "no token", raw("PATCH", Map.of("Content-Type", "application/json")),
                "wrong token", raw("PATCH", Map.of("Content-Type", "application/json", "Authorization", "Bearer nope")),
                "cross-site text/plain", raw("POST", Map.of("Content-Type", "text/plain",
                        "Authorization", "Bearer " + simulator.controlToken())),
                "form encoded", raw("PATCH", Map.of("Content-Type", "application/x-www-form-urlencoded",
                        "Authorization", "Bearer " + simulator.controlToken())),
                "with Origin", raw("PATCH", Map.of("Content-Type", "application/json", "Origin", "http://evil.example",
                        "Authorization", "Bearer " + simulator.controlToken())),
                "null Origin", raw("PATCH", Map.of("Content-Type", "application/json", "Origin", "null",
                        "Authorization", "Bearer " + simulator.controlToken())));
        assertThat(refusals).containsEntry("no token", 401).containsEntry("wrong token", 401)
                .containsEntry("cross-site text/plain", 415).containsEntry("form encoded", 415)
                .containsEntry("with Origin", 403).containsEntry("null Origin", 403);
        assertThat(rebound()).as("a rebound DNS name in Host").startsWith("HTTP/1.1 403");
        assertThat(simulator.faults().get().refuseConnections()).isFalse();
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(simulator.controlUri().resolve("/ledger")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("reads need the token too").isEqualTo(401);
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(simulator.controlUri().resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).as("only its health is open").isEqualTo(200);
    }

    private static int raw(String method, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(simulator.controlUri().resolve("/faults"))
                .method(method, HttpRequest.BodyPublishers.ofString(FAULT));
        headers.forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** HttpClient will not send a Host of our choosing: a raw request as a browser on a rebound name would. */
    private static String rebound() throws Exception {
        URI uri = simulator.controlUri();
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PATCH /faults HTTP/1.1\r\nHost: attacker.example:" + uri.getPort() + "\r\nAuthorization: Bearer "
                    + simulator.controlToken() + "\r\nContent-Type: application/json\r\nContent-Length: " + FAULT.length()
                    + "\r\nConnection: close\r\n\r\n" + FAULT).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
