package com.fleetprovisioner.db.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdFragmentTest {
    @Test
    void escapesLikesWildcardsAndItsEscapeCharacter() {
        assertThat(IdFragment.pattern("03564")).isEqualTo("%03564%");
        assertThat(IdFragment.pattern("a%b_c!d")).isEqualTo("%a!%b!_c!!d%");
    }
}
