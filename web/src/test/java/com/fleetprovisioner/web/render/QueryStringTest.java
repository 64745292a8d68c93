package com.fleetprovisioner.web.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void keepsTheNonEmptyFieldsInOrderAndEncodesThem() {
        assertThat(QueryString.of("state", "failed", "kind", "", "name", "vans & trucks.csv", "q", "35=+"))
                .isEqualTo("state=failed&name=vans+%26+trucks.csv&q=35%3D%2B");
    }

    @Test
    void anEmptyFormIsAnEmptyQuery() {
        assertThat(QueryString.of("state", "", "kind", "")).isEmpty();
    }

    @Test
    void namesAndValuesComeInPairs() {
        assertThatThrownBy(() -> QueryString.of("state")).isInstanceOf(IllegalArgumentException.class);
    }
}
