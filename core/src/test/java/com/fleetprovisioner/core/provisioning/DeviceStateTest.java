package com.fleetprovisioner.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceStateTest {
    @Test
    void theActiveStatesAreTheNonTerminalOnesAsStored() {
        assertThat(DeviceState.activeIds()).containsExactlyInAnyOrder("queued", "sending", "retrying");
        for (DeviceState state : DeviceState.values()) {
            assertThat(DeviceState.activeIds().contains(state.id())).as(state.id()).isNotEqualTo(state.terminal());
            assertThat(DeviceState.fromId(state.id())).isEqualTo(state);
        }
    }
}
