package com.fleetprovisioner.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 192.168.1.7, 172.16.0.0/12, fd00::/8");

    @ParameterizedTest
    @CsvSource({
        "10.1.2.3, true", "11.0.0.1, false", "192.168.1.7, true", "192.168.1.8, false",
        "172.31.255.255, true", "172.32.0.1, false", "fd12::1, true", "fe80::1, false",
        "127.0.0.1, false", "not-an-address, false", "'', false", "10.0.0.1.evil.example, false",
    })
    void onlyAddressesInsideTheRangesAreTrusted(String address, boolean trusted) {
        assertThat(proxies.contains(address)).isEqualTo(trusted);
    }

    @Test
    void theDefaultIsLoopbackOnly() {
        AppConfig config = AppConfig.from(Map.of());
        assertThat(config.trustedProxies().contains("127.0.0.1")).isTrue();
        assertThat(config.trustedProxies().contains("::1")).isTrue();
        assertThat(config.trustedProxies().contains("10.0.0.1")).isFalse();
        assertThat(config.describe()).containsEntry("FP_TRUSTED_PROXIES", "127.0.0.1/32,::1/128");
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example", "10.0.0.0/33", "10.0.0.0/x", "::1/129", "300.1.1.1"})
    void aBadEntryStopsTheStartNamingTheVariable(String list) {
        assertThatThrownBy(() -> AppConfig.from(Map.of("FP_TRUSTED_PROXIES", list)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FP_TRUSTED_PROXIES");
    }
}
