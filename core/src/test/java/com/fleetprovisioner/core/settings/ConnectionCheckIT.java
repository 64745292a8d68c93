package com.fleetprovisioner.core.settings;

import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fleetprovisioner.core.common.ValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * "Test connection" over real sockets: only allowed hosts, one answer for every kind of failure (no port
 * scanner), and no socket or thread left behind on any path — above all against a server that accepts
 * and never answers.
 */
class ConnectionCheckIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration HANG_CATCHER = Duration.ofSeconds(60);
    private final ConnectionCheck check = new ConnectionCheck(Clock.systemUTC(), TIMEOUT, TestConnectionHosts.parse(""));

    /**
     * The JDK opens a few sockets of its own once per JVM, on the first connection it makes, and keeps
     * them: a first check to an unused port lets that happen before the tests count sockets.
     */
    @BeforeAll
    static void letTheJdkOpenItsOwnSocketsFirst() throws IOException {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        new ConnectionCheck(Clock.systemUTC(), TIMEOUT, TestConnectionHosts.parse(""))
                .check(settings("ws://127.0.0.1:" + closedPort + "/"), Optional.empty());
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersLeavesNoSocketOrThreadBehind() throws Exception {
        long socketsBefore = openSockets();
        long threadsBefore = webSocketThreads();
        try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> endOfStream = CompletableFuture.supplyAsync(() -> readUntilClosed(hanging));

            ConnectionCheck.Result result = check.check(settings("ws://127.0.0.1:" + hanging.getLocalPort() + "/"),
                    Optional.empty());

            assertThat(result.ok()).isFalse();
            assertThat(result.error()).isEqualTo(ConnectionCheck.NOT_CONNECTED);
            assertThat(endOfStream.get(HANG_CATCHER.toSeconds(), TimeUnit.SECONDS))
                    .as("the client closed its end of the connection").isEqualTo(-1);
        }
        awaitTrue("WebSocket threads back to " + threadsBefore, () -> webSocketThreads() <= threadsBefore);
        awaitTrue("open sockets back to " + socketsBefore, () -> openSockets() <= socketsBefore);
    }

    @Test
    void refusedTimedOutAndNotFleetFreedomAllReadTheSame() throws Exception {
        long socketsBefore = openSockets();
        int closedPort;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            closedPort = free.getLocalPort();
        }
        ConnectionCheck.Result refused = check.check(settings("ws://127.0.0.1:" + closedPort + "/"), Optional.empty());
        ConnectionCheck.Result notFound;
        try (ServerSocket http = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> answer404(http));
            notFound = check.check(settings("ws://127.0.0.1:" + http.getLocalPort() + "/"), Optional.empty());
        }
        assertThat(List.of(refused, notFound)).allSatisfy(r -> {
            assertThat(r.ok()).isFalse();
            assertThat(r.error()).isEqualTo(ConnectionCheck.NOT_CONNECTED);
            assertThat(r.code()).isEmpty();
            assertThat(r.summary()).doesNotContain("404").doesNotContain("refused").doesNotContain(Integer.toString(closedPort));
        });
        awaitTrue("open sockets back to " + socketsBefore, () -> openSockets() <= socketsBefore);
    }

    @Test
    void theSimulatorAnswersAsFleetFreedomDoes() {
        try (Simulator simulator = Simulator.start(SimulatorConfig.defaults())) {
            Settings right = settings(simulator.webSocketUri().toString());
            assertThat(check.check(right, Optional.empty()).ok()).isTrue();
            Settings wrong = new Settings(right.endpoint(), right.username(), Optional.of("wrong-password"), true,
                    Optional.empty(), 1, 1, 1, 1, 1, Optional.empty(), 0);
            ConnectionCheck.Result refused = check.check(wrong, Optional.empty());
            assertThat(refused.error()).startsWith("Fleet Freedom refused the login");
        }
    }

    @Test
    void hostsOutsideTheListAreNeverContacted() throws Exception {
        for (String target : List.of("ws://10.0.0.5:5432/", "ws://169.254.169.254/", "wss://intranet.example/")) {
            assertThatThrownBy(() -> check.check(settings(target), Optional.empty()))
                    .isInstanceOfSatisfying(ValidationException.class,
                            e -> assertThat(e.fieldErrors()).containsOnlyKeys("endpoint"));
        }
        // the endpoint in force is always allowed (here an unused loopback port stands in for it)
        ConnectionCheck onlyInForce = new ConnectionCheck(Clock.systemUTC(), TIMEOUT, TestConnectionHosts.parse("nothing.example"));
        URI inForce = URI.create("ws://127.0.0.1:9/");
        assertThat(onlyInForce.check(settings(inForce.toString()), Optional.of(inForce)).error())
                .isEqualTo(ConnectionCheck.NOT_CONNECTED);
    }

    private static Settings settings(String endpoint) {
        return new Settings(Optional.of(URI.create(endpoint)), Optional.of(SimulatorConfig.DEMO_USER.username()),
                Optional.of(SimulatorConfig.DEMO_USER.password()), true, Optional.empty(), 1, 1, 1, 1, 1, Optional.empty(), 0);
    }

    /** Accepts one connection, reads whatever comes and answers nothing; returns -1 once the peer closes. */
    private static int readUntilClosed(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout((int) HANG_CATCHER.toMillis());
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int read;
            do {
                read = in.read(buffer);
            } while (read >= 0);
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void answer404(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.getInputStream().read(new byte[4096]);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // the client may have gone already
        }
    }

    private static long webSocketThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("WebSocket")).count();
    }

    /** Sockets this JVM holds open (Linux: /proc/self/fd). */
    private static long openSockets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException("needs Linux /proc/self/fd", e);
        }
    }

    /** Polls until the condition holds; the long limit only catches a leak, it measures nothing. */
    private static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_CATCHER.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never true: " + what);
            }
            Thread.sleep(50);
        }
    }
}
