package com.fleetprovisioner.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAreArgon2idWithAtLeastOwaspParametersAndSalted() {
        String first = hasher.hash("correct-horse-battery");
        String second = hasher.hash("correct-horse-battery");
        assertThat(first).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(first).isNotEqualTo(second);
        assertThat(PasswordHasher.MEMORY_KIB).isGreaterThanOrEqualTo(19 * 1024);
        assertThat(PasswordHasher.ITERATIONS).isGreaterThanOrEqualTo(2);
    }

    @Test
    void onlyTheRightPasswordMatches() {
        String hash = hasher.hash("correct-horse-battery");
        assertThat(hasher.matches("correct-horse-battery", hash)).isTrue();
        assertThat(hasher.matches("correct-horse-battery ", hash)).isFalse();
        assertThat(hasher.matches("correct-horse-battery", "$2a$10$not-an-argon2-hash")).isFalse();
        assertThat(hasher.matches(null, hash)).isFalse();
        assertThat(hasher.matchesNothing("anything")).isFalse();
    }

    @Test
    void rolesIncludeTheOnesBelowThem() {
        assertThat(Role.ADMIN.includes(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.VIEWER)).isTrue();
        assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
        assertThat(Role.parse(" Operator ")).isEqualTo(Role.OPERATOR);
    }
}
