package com.fleetprovisioner.core.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestConnectionHostsTest {
    private static final Optional<URI> IN_FORCE = Optional.of(URI.create("wss://fleet.customer.example/"));

    @ParameterizedTest(name = "{0} allowed: {1}")
    @CsvSource({
            "wss://api.trakit.ca/,                 true",
            "wss://trakit.ca/,                     true",
            "wss://eu.api.fleetfreedom.com/,       true",
            "WSS://API.TRAKIT.CA./,                true",
            "ws://127.0.0.1:8989/,                 true",
            "ws://127.8.9.10:8989/,                true",
            "ws://localhost:8989/,                 true",
            "ws://[::1]:8989/,                     true",
            "wss://fleet.customer.example/,        true",
            "wss://fleet.customer.example:444/,    true",
            "wss://evil-trakit.ca/,                false",
            "wss://trakit.ca.evil.example/,        false",
            "ws://10.0.0.5:5432/,                  false",
            "ws://169.254.169.254/,                false",
            "ws://192.168.1.1/,                    false",
            "ws://localhost.evil.example/,         false",
            "ws://0.0.0.0:7070/,                   false",
            "ws://[::ffff:10.0.0.1]/,              false",
            "ws://2130706433/,                     false",
    })
    void theDefaultsAllowFleetFreedomTheSimulatorsAndTheEndpointInForceOnly(String target, boolean allowed) {
        assertThat(TestConnectionHosts.parse("").allows(URI.create(target), IN_FORCE)).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "{0} allowed: {1}")
    @CsvSource({
            "wss://ff.internal.example/,  true",
            "wss://a.b.lab.example/,      true",
            "ws://127.0.0.1:8989/,        false",
            "wss://api.trakit.ca/,        false",
    })
    void aConfiguredListReplacesTheDefaults(String target, boolean allowed) {
        TestConnectionHosts hosts = TestConnectionHosts.parse(" ff.internal.example , *.lab.example");
        assertThat(hosts.allows(URI.create(target), Optional.empty())).isEqualTo(allowed);
    }
}
