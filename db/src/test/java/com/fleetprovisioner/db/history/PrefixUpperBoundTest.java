package com.fleetprovisioner.db.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrefixUpperBoundTest {

    @Test
    void incrementsTheLastCharacterThatHasAnAlphanumericSuccessor() {
        assertThat(JooqDeviceHistory.prefixUpperBound("3571")).contains("3572");
        assertThat(JooqDeviceHistory.prefixUpperBound("359")).contains("36");
        assertThat(JooqDeviceHistory.prefixUpperBound("35-")).contains("36");
        assertThat(JooqDeviceHistory.prefixUpperBound("ab")).contains("ac");
        assertThat(JooqDeviceHistory.prefixUpperBound("AY")).contains("AZ");
    }

    @Test
    void noBoundWhenNoCharacterCanBeIncremented() {
        assertThat(JooqDeviceHistory.prefixUpperBound("99")).isEmpty();
        assertThat(JooqDeviceHistory.prefixUpperBound("z9Z")).isEmpty();
    }
}
