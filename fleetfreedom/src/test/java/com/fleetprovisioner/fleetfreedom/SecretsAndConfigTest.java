package com.fleetprovisioner.fleetfreedom;

import com.fleetprovisioner.common.Secrets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SecretsAndConfigTest {

    @Test
    void masksEveryPasswordValueInAFrame() {
        String frame = new FrameCodec().encode(new Command.Login("ops", "hunter\"2", "a"), 1);
        assertThat(Secrets.maskFrame(frame)).isEqualTo("login {\"username\":\"ops\",\"password\":\"***\",\"userAgent\":\"a\",\"reqId\":1}");
        String merge = "mergeProvider {\"provider\":{\"id\":\"1\",\"password\" : \"dev\\\\pw\"},\"reqId\":2}";
        assertThat(Secrets.maskFrame(merge)).doesNotContain("dev").contains("\"password\" : \"***\"");
    }

    @Test
    void recordsNeverPrintPasswords() {
        assertThat(new Command.Login("ops", "topsecret", "a").toString()).doesNotContain("topsecret");
        assertThat(new NewProvider("1234567890", "calamp", 1, "devpw", null, null, null).toString()).doesNotContain("devpw");
        FleetFreedomConfig config = FleetFreedomConfig.of(URI.create("wss://user:pw@socket.trakit.ca/abc?x=1"), "ops", "topsecret");
        assertThat(config.toString()).doesNotContain("topsecret").doesNotContain("pw@").doesNotContain("abc");
        assertThat(config.endpoint()).isEqualTo(URI.create("wss://socket.trakit.ca/"));
    }

    @Test
    void defaultsFollowTheVendorClient() {
        FleetFreedomConfig config = FleetFreedomConfig.of(URI.create("wss://socket.trakit.ca"), "ops", "pw");
        assertThat(config.commandTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.keepAliveIdle()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.backoffMax()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.connectUri("g-1")).isEqualTo(URI.create("wss://socket.trakit.ca/g-1"));
        assertThat(config.connectUri(null)).isEqualTo(URI.create("wss://socket.trakit.ca/"));
    }

    @Test
    void rejectsNonsense() {
        URI uri = URI.create("ws://localhost:1");
        assertThatThrownBy(() -> FleetFreedomConfig.of(URI.create("http://x"), "u", "p"))
                .hasMessageContaining("ws://");
        assertThatThrownBy(() -> FleetFreedomConfig.of(uri, "u", "p").withPacing(10, 0))
                .hasMessageContaining("maxInFlight");
        assertThatThrownBy(() -> FleetFreedomConfig.of(uri, "u", "p").withCommandTimeout(Duration.ZERO))
                .hasMessageContaining("commandTimeout");
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        var config = FleetFreedomConfig.of(URI.create("ws://localhost:1"), "u", "p")
                .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(300));
        var supervisor = new SessionSupervisor(config);
        for (int attempt = 0; attempt < 20; attempt++) {
            long capped = Math.min(300_000, 1000L << attempt);
            assertThat(supervisor.backoff(attempt).toMillis()).isBetween(capped / 2, capped);
        }
        assertThat(supervisor.status().state()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(supervisor.status().endpoint()).isEqualTo(URI.create("ws://localhost:1/"));
    }
}
