package com.fleetprovisioner.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {
    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @CsvSource({
        // the audit's three: a digit run, a repeated word, one repeated character
        "123456789012, password.error.guessable",
        "passwordpassword, password.error.guessable",
        "aaaaaaaaaaaa, password.error.guessable",
        // common passwords and keyboard runs stretched to the length rule
        "qwertyuiop123, password.error.guessable",
        "Password123!, password.error.guessable",
        "iloveyou1234, password.error.guessable",
        "1q2w3e4r5t6y, password.error.guessable",
        "abcdefghijkl, password.error.guessable",
        // the user's own name, the product's name
        "carolinecaroline, password.error.guessable",
        "fleetprovisioner1, password.error.guessable",
        "eleven-char, password.error.short",
    })
    void weakPasswordsAreRefusedWithAReason(String password, String reasonKey) {
        assertThatThrownBy(() -> policy.check(password, "caroline"))
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(((ValidationException) e).fieldErrors().get("password").key()).startsWith(reasonKey));
    }

    @Test
    void theCheckersWarningIsOneOfOurKeysNotItsEnglishSentence() {
        assertThatThrownBy(() -> policy.check("abcdefghijkl", "caroline")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.fieldErrors().get("password")).isEqualTo(
                        Text.of("password.error.guessableWhy", Text.of("password.warning.sequence.likeABCor6543"))));
        assertThat(PasswordPolicy.warningName("feedback.dictionary.warning.passwords.top10")).isEqualTo("dictionary.passwords.top10");
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
            assertThatThrownBy(() -> policy.check(password, "caroline")).isInstanceOfSatisfying(ValidationException.class,
                    e -> assertThat(e.fieldErrors().get("password")).isEqualTo(Text.of("password.error.long", 200)));
        }
    }
}
