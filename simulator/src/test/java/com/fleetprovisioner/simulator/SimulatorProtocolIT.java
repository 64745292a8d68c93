package com.fleetprovisioner.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.simulator.testing.RawSocket;
import com.fleetprovisioner.simulator.testing.RawSocket.Frame;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator against hand-written frames over a raw WebSocket, not through our client. */
class SimulatorProtocolIT {

    private Simulator simulator;
    private RawSocket socket;

    @BeforeEach
    void start() throws InterruptedException {
        simulator = Simulator.start(SimulatorConfig.builder()
                .company(42, "Demo Fleet", null).company(43, "East", 42L).company(99, "Someone else", null)
                .configuration(new SimulatorConfig.SeedConfiguration(7, 42, "default calamp", "calamp"))
                .user("ops@example.com", "secret", 42)
                .build());
        socket = RawSocket.open(simulator.webSocketUri());
    }

    @AfterEach
    void stop() {
        socket.close();
        simulator.close();
    }

    @Test
    void serverSpeaksFirstWithConnectionResponse() throws InterruptedException {
        Frame first = socket.next();
        assertThat(first.name()).isEqualTo("connectionResponse");
        assertThat(first.body().get("errorCode").asInt()).isZero();
        assertThat(first.body().has("serverTime")).isTrue();
        assertThat(first.body().has("user")).isFalse();
    }

    /**
     * Issue 16: the vendor's connectionResponse has {@code ghostId} and {@code expiry} every time (§1); an
     * independent conformance client failed both on a fresh connection.
     */
    @Test
    void everyConnectionResponseCarriesAGhostIdAndAnExpiry() throws InterruptedException {
        Frame fresh = socket.next();
        String guest = ghostIdAndExpiry(fresh, 0);
        assertThat(fresh.body().has("user")).as("not logged in").isFalse();
        assertThat(Duration.between(instant(fresh, "serverTime"), instant(fresh, "expiry")))
                .isEqualTo(SimulatorConfig.builder().build().sessionTimeout());
        assertThat(socket.call("getSessionDetails {\"reqId\":2}").body().get("ghostId").asText()).isEqualTo(guest);
        try (RawSocket other = RawSocket.open(simulator.webSocketUri())) {
            assertThat(ghostIdAndExpiry(other.next(), 0)).as("each connection its own").isNotEqualTo(guest);
        }

        Frame login = socket.login("ops@example.com", "secret");
        String ghostId = ghostIdAndExpiry(login, 0);
        try (RawSocket resumed = RawSocket.open(simulator.webSocketUri().resolve("/" + ghostId))) {
            Frame hello = resumed.next();
            assertThat(ghostIdAndExpiry(hello, 0)).isEqualTo(ghostId);
            assertThat(hello.body().get("expiry").asText()).isEqualTo(login.body().get("expiry").asText());
            assertThat(hello.body().get("user").get("login").asText()).isEqualTo("ops@example.com");
        }

        // a guest is not a session to resume; unknown, hostile and huge ghostIds get error 19 and a new guest
        for (String bogus : List.of(guest, UUID.randomUUID().toString(), "%00%01%1B%7F", "%E2%80%AE" + "f".repeat(4000))) {
            try (RawSocket refused = RawSocket.open(simulator.webSocketUri().resolve("/?ghostId=" + bogus))) {
                Frame hello = refused.next();
                assertThat(hello.name()).isEqualTo("connectionResponse");
                String given = ghostIdAndExpiry(hello, 19);
                assertThat(given).isNotEqualTo(guest).isNotEqualTo(bogus);
                assertThat(hello.body().has("user")).isFalse();
            }
        }
    }

    /** Checks the session fields of a connectionResponse or loginResponse; returns its ghostId. */
    private static String ghostIdAndExpiry(Frame frame, int errorCode) {
        assertThat(frame.body().get("errorCode").asInt()).as(frame.toString()).isEqualTo(errorCode);
        String ghostId = frame.body().path("ghostId").asText("");
        assertThat(UUID.fromString(ghostId).toString()).as("a GUID").isEqualTo(ghostId);
        assertThat(instant(frame, "expiry")).isAfter(instant(frame, "serverTime"));
        assertThat(frame.body().get("expiry").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        return ghostId;
    }

    private static Instant instant(Frame frame, String field) {
        return Instant.parse(frame.body().get(field).asText());
    }

    @Test
    void commandsOtherThanLoginNoopAndSessionDetailsNeedALogin() throws InterruptedException {
        socket.next();
        Frame merge = socket.call("mergeProvider {\"provider\":{\"id\":\"356938035643809\",\"kind\":\"calamp\",\"company\":42},\"reqId\":5}");
        assertThat(merge.name()).isEqualTo("mergeProviderResponse");
        assertThat(merge.body().get("errorCode").asInt()).isEqualTo(8);
        assertThat(merge.body().get("reqId").asLong()).isEqualTo(5);
        assertThat(socket.call("noop {\"reqId\":6}").body().get("errorCode").asInt()).isZero();
        assertThat(socket.call("getSessionDetails {\"reqId\":7}").body().get("errorCode").asInt()).isZero();
        assertThat(socket.call("getProvider {\"provider\":{\"id\":\"356938035643809\"}}").body().get("errorCode").asInt())
                .isEqualTo(8);
        assertThat(simulator.ledger().entries()).extracting(Ledger.Entry::outcome).containsExactly(Ledger.Outcome.SESSION_ERROR);
    }

    @Test
    void unknownCommandIs61() throws InterruptedException {
        socket.next();
        Frame reply = socket.call("frobnicate {\"reqId\":3}");
        assertThat(reply.name()).isEqualTo("frobnicateResponse");
        assertThat(reply.body().get("errorCode").asInt()).isEqualTo(61);
        assertThat(reply.body().get("message").asText()).contains("frobnicate");
    }

    @Test
    void badJsonIs3WithParseDetails() throws InterruptedException {
        socket.next();
        Frame reply = socket.call("mergeProvider {\"provider\": {\"id\": 12,,}");
        assertThat(reply.name()).isEqualTo("mergeProviderResponse");
        assertThat(reply.body().get("errorCode").asInt()).isEqualTo(3);
        assertThat(reply.body().has("reqId")).isFalse();
        var details = reply.body().get("errorDetails");
        assertThat(details.get("kind").asText()).isEqualTo("parse");
        assertThat(details.get("line").asInt()).isEqualTo(1);
        assertThat(details.get("column").asInt()).isPositive();
        assertThat(details.get("after").asText()).endsWith("12,");
        Frame garbage = socket.call("\u0001\u0002 garbage");
        assertThat(garbage.body().get("errorCode").asInt()).isEqualTo(3);
        assertThat(garbage.body().get("errorDetails").get("kind").asText()).isEqualTo("parse");
    }

    @Test
    void badKindIs3WithTheValidList() throws InterruptedException {
        loggedIn();
        Frame reply = socket.call("mergeProvider {\"provider\":{\"id\":\"356938035643809\",\"kind\":\"unknown\",\"company\":42},\"reqId\":9}");
        assertThat(reply.body().get("errorCode").asInt()).isEqualTo(3);
        var details = reply.body().get("errorDetails");
        assertThat(details.get("kind").asText()).isEqualTo("enum");
        assertThat(details.get("input").asText()).isEqualTo("unknown");
        assertThat(details.get("valid")).extracting(n -> n.asText())
                .containsExactly("genx", "mobile", "datatrans", "lbs", "smartwitness", "calamp", "bewhere", "atrack",
                        "teltonika", "queclink");
    }

    @Test
    void idLengthCompanyPermissionAndConfigurationAreValidated() throws InterruptedException {
        loggedIn();
        Frame shortId = socket.call(merge("123", 42, ""));
        assertThat(shortId.body().get("errorCode").asInt()).isEqualTo(3);
        assertThat(shortId.body().get("errorDetails").get("kind").asText()).isEqualTo("minMax");
        assertThat(shortId.body().get("errorDetails").get("min").asInt()).isEqualTo(10);
        assertThat(shortId.body().get("errorDetails").get("max").asInt()).isEqualTo(50);
        assertThat(socket.call(merge("356938035643809", 4711, "")).body().get("errorCode").asInt()).isEqualTo(28);
        assertThat(socket.call(merge("356938035643809", 99, "")).body().get("errorCode").asInt()).isEqualTo(5);
        assertThat(socket.call(merge("356938035643809", 42, ",\"config\":8")).body().get("errorCode").asInt()).isEqualTo(48);
        Frame child = socket.call(merge("356938035643809", 43, ",\"configuration\":7,\"phone\":\"+15551234567\""));
        assertThat(child.body().get("errorCode").asInt()).isZero();
        assertThat(child.body().get("provider").get("company").asLong()).isEqualTo(43);
        World.StoredProvider stored = simulator.world().provider("356938035643809").orElseThrow();
        assertThat(stored.configuration()).isEqualTo(7L);
        assertThat(stored.phoneNumber()).isEqualTo("+15551234567");
        assertThat(stored.created()).isNotNull();
    }

    @Test
    void reqIdIsEchoedOnlyWhenSent() throws InterruptedException {
        socket.next();
        assertThat(socket.call("noop {\"reqId\":41}").body().get("reqId").asLong()).isEqualTo(41);
        assertThat(socket.call("noop {}").body().has("reqId")).isFalse();
        assertThat(socket.call("noop").body().has("reqId")).isFalse();
    }

    @Test
    void duplicatePolicyRejectAnswersInvalidDataNamingTheId() throws InterruptedException {
        loggedIn();
        assertThat(socket.call(merge("356938035643809", 42, "")).body().get("errorCode").asInt()).isZero();
        Frame again = socket.call(merge("356938035643809", 42, ",\"name\":\"again\""));
        assertThat(again.body().get("errorCode").asInt()).isEqualTo(3);
        assertThat(again.body().get("message").asText()).contains("356938035643809").contains("exists");
        assertThat(again.body().get("errorDetails").get("kind").asText()).isEqualTo("input");
        assertThat(again.body().get("errorDetails").get("input").asText()).isEqualTo("356938035643809");
        assertThat(simulator.world().provider("356938035643809").orElseThrow().name()).isNull();
        assertThat(simulator.ledger().creations("356938035643809")).isEqualTo(1);
    }

    @Test
    void duplicatePolicyUpdateMergesTheFields() throws InterruptedException {
        try (Simulator updating = Simulator.start(SimulatorConfig.builder()
                .duplicatePolicy(SimulatorConfig.DuplicatePolicy.UPDATE).build());
             RawSocket raw = RawSocket.open(updating.webSocketUri())) {
            raw.next();
            assertThat(raw.login("ops@example.com", "secret").body().get("errorCode").asInt()).isZero();
            assertThat(raw.call(merge("356938035643809", 42, "")).body().get("errorCode").asInt()).isZero();
            var created = updating.world().provider("356938035643809").orElseThrow().created();
            Frame again = raw.call(merge("356938035643809", 42, ",\"name\":\"again\""));
            assertThat(again.body().get("errorCode").asInt()).isZero();
            World.StoredProvider stored = updating.world().provider("356938035643809").orElseThrow();
            assertThat(stored.name()).isEqualTo("again");
            assertThat(stored.created()).isEqualTo(created);
            assertThat(updating.ledger().forProvider("356938035643809")).extracting(Ledger.Entry::outcome)
                    .containsExactly(Ledger.Outcome.CREATED, Ledger.Outcome.UPDATED);
        }
    }

    @Test
    void wrongPasswordIs11() throws InterruptedException {
        socket.next();
        assertThat(socket.login("ops@example.com", "wrong").body().get("errorCode").asInt()).isEqualTo(11);
    }

    @Test
    void sessionsResumeByPathQueryAndSubProtocol() throws InterruptedException {
        String ghostId = loggedIn();
        var base = simulator.webSocketUri();
        for (var resumed : new RawSocket[] {
                RawSocket.open(base.resolve("/" + ghostId)),
                RawSocket.open(base.resolve("/?ghostId=" + ghostId)),
                RawSocket.open(base, Map.of("Sec-WebSocket-Protocol", ghostId))}) {
            try (resumed) {
                Frame hello = resumed.next();
                assertThat(hello.body().get("user").get("login").asText()).isEqualTo("ops@example.com");
                assertThat(hello.body().get("ghostId").asText()).isEqualTo(ghostId);
                assertThat(resumed.call("getProvidersList {\"company\":{\"id\":42},\"reqId\":2}").body()
                        .get("errorCode").asInt()).isZero();
            }
        }
    }

    @Test
    void companiesTreeAndConfigurations() throws InterruptedException {
        loggedIn();
        Frame tree = socket.call("getCompaniesList {\"company\":{\"id\":42},\"tree\":true,\"reqId\":2}");
        assertThat(tree.body().get("companies")).extracting(n -> n.get("id").asLong()).containsExactly(42L, 43L);
        Frame configs = socket.call("getProviderConfigsList {\"company\":{\"id\":42},\"reqId\":3}");
        assertThat(configs.body().get("providerConfigs")).extracting(n -> n.get("id").asLong()).containsExactly(7L);
    }

    @Test
    void multiUserDenyAndReplace() throws InterruptedException {
        for (var policy : SimulatorConfig.MultiUserPolicy.values()) {
            if (policy == SimulatorConfig.MultiUserPolicy.ALLOW) {
                continue;
            }
            try (Simulator sim = Simulator.start(SimulatorConfig.builder().multiUserPolicy(policy).build());
                 RawSocket first = RawSocket.open(sim.webSocketUri());
                 RawSocket second = RawSocket.open(sim.webSocketUri())) {
                first.next();
                second.next();
                assertThat(first.login("ops@example.com", "secret").body().get("errorCode").asInt()).isZero();
                int code = second.login("ops@example.com", "secret").body().get("errorCode").asInt();
                if (policy == SimulatorConfig.MultiUserPolicy.DENY) {
                    assertThat(code).isEqualTo(14);
                } else {
                    assertThat(code).isZero();
                    assertThat(first.next().name()).isEqualTo("sessionEnded");
                    assertThat(first.call("getProvidersList {\"company\":{\"id\":42},\"reqId\":2}").body()
                            .get("errorCode").asInt()).isEqualTo(8);
                }
            }
        }
    }

    /**
     * Java-WebSocket's selector thread can set a connection back to reading only just after a reply was queued
     * from another thread: the reply then waited for the lost-connection ping, a minute later (a sequential
     * client saw 60 s replies at no latency). This puts a connection in that state, a frame queued and the
     * connection reading only with nobody asking for a write, and expects the frame to arrive all the same.
     */
    @Test
    void aReplyLeftQueuedWhileTheConnectionOnlyReadsStillGoesOut() throws InterruptedException {
        socket.next();
        Collection<WebSocket> open = simulator.connections();
        assertThat(open).hasSize(1);
        WebSocketImpl server = (WebSocketImpl) open.iterator().next();
        server.getSelectionKey().interestOps(SelectionKey.OP_READ);
        for (var frame : server.getDraft().createFrames("noopResponse {\"reqId\":5}", false)) {
            ByteBuffer bytes = server.getDraft().createBinaryFrame(frame);
            server.outQueue.put(bytes);
        }

        Frame stalled = socket.next();

        assertThat(stalled.name()).isEqualTo("noopResponse");
        assertThat(stalled.body().get("reqId").asInt()).isEqualTo(5);
        assertThat(socket.call("noop {\"reqId\":6}").body().get("reqId").asInt()).as("the connection goes on").isEqualTo(6);
    }

    private String loggedIn() throws InterruptedException {
        socket.next();
        Frame login = socket.login("ops@example.com", "secret");
        assertThat(login.name()).isEqualTo("loginResponse");
        assertThat(login.body().get("errorCode").asInt()).isZero();
        assertThat(login.body().get("reqId").asLong()).isEqualTo(1);
        return login.body().get("ghostId").asText();
    }

    private static String merge(String id, long company, String extra) {
        return "mergeProvider {\"provider\":{\"id\":\"" + id + "\",\"kind\":\"calamp\",\"company\":" + company + extra
                + "},\"reqId\":11}";
    }
}
