package com.fleetprovisioner.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fleetprovisioner.core.common.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @CsvSource({
        // the audit's three: a digit run, a repeated word, one repeated character
        "123456789012, too easy to guess",
        "passwordpassword, too easy to guess",
        "aaaaaaaaaaaa, too easy to guess",
        // common passwords and keyboard runs stretched to the length rule
        "qwertyuiop123, too easy to guess",
        "Password123!, too easy to guess",
        "iloveyou1234, too easy to guess",
        "1q2w3e4r5t6y, too easy to guess",
        "abcdefghijkl, too easy to guess",
        // the user's own name, the product's name
        "carolinecaroline, too easy to guess",
        "fleetprovisioner1, too easy to guess",
        "eleven-char, at least 12 characters",
    })
    void weakPasswordsAreRefusedWithAReason(String password, String reason) {
        assertThatThrownBy(() -> policy.check(password, "caroline"))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fieldErrors().get("password")).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct-horse-battery", "violet-kettle-orbit-47", "Tr0ub4dor&3xyz", "q8#Lm2!vRz7$pW"})
    void passphrasesAndRandomPasswordsPass(String password) {
        assertThatCode(() -> policy.check(password, "caroline")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 201})
    void twoHundredCharactersAtMost(int length) {
        String password = "Xk9!mQ2#vL7$pR4&".repeat(13).substring(0, length);
        if (length <= PasswordPolicy.MAX_LENGTH) {
            assertThatCode(() -> policy.check(password, "caroline")).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> policy.check(password, "caroline")).hasMessageContaining("at most 200");
        }
    }
}
