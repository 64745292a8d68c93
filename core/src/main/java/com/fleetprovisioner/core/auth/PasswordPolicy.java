package com.fleetprovisioner.core.auth;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.config.AppConfig;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ResourceBundle;

/**
 * What a user password must be: 12 to 200 characters, and not guessable in under 10^8 tries by
 * zxcvbn's estimate. zxcvbn ships the lists it checks against (the 30,000 most common passwords of
 * the leaked-password corpora, English words, names) and sees the patterns people use to stretch a
 * short password to a length rule: repeats ({@code passwordpassword}, {@code aaaaaaaaaaaa}),
 * sequences ({@code 123456789012}), keyboard runs, dates, l33t spellings. The user name and the
 * product's own words count as known to the guesser.
 */
public final class PasswordPolicy {
    public static final int MAX_LENGTH = 200;
    /** zxcvbn's score 3: at least 10^8 guesses, "safely unguessable" for an online attack. */
    static final int MIN_SCORE = 3;
    private static final List<String> PRODUCT_WORDS = List.of("fleet", "provisioner", "fleetprovisioner",
            "trakit", "fleetfreedom", "freedom", "admin");

    /** zxcvbn's feedback looked up in this "bundle" gives its own message keys, e.g. feedback.date.warning.dates. */
    private static final ResourceBundle KEYS = new ResourceBundle() {
        @Override
        protected Object handleGetObject(String key) {
            return key;
        }

        @Override
        public Enumeration<String> getKeys() {
            return Collections.emptyEnumeration();
        }
    };

    private final Zxcvbn zxcvbn = new Zxcvbn();

    /** @throws ValidationException on the field {@code password}, saying what is wrong */
    public void check(String password, String username) {
        if (password == null || password.length() < AppConfig.MIN_PASSWORD_LENGTH) {
            throw ValidationException.of("password", "password.error.short", AppConfig.MIN_PASSWORD_LENGTH);
        }
        if (password.length() > MAX_LENGTH) {
            throw ValidationException.of("password", "password.error.long", MAX_LENGTH);
        }
        List<String> known = new ArrayList<>(PRODUCT_WORDS);
        if (username != null && !username.isBlank()) {
            known.add(username);
        }
        Strength strength = zxcvbn.measure(password, known);
        if (strength.getScore() < MIN_SCORE) {
            // the checker's warning as its key (our messages files say it in each language), not its English text
            String warning = strength.getFeedback().withResourceBundle(KEYS).getWarning();
            throw warning == null || warning.isBlank() ? ValidationException.of("password", "password.error.guessable")
                    : ValidationException.of("password", "password.error.guessableWhy",
                            Text.of("password.warning." + warningName(warning)));
        }
    }

    /** Our name for zxcvbn's warning key (the end of our key password.warning.*): feedback.date.warning.dates → date.dates. */
    static String warningName(String zxcvbnKey) {
        return zxcvbnKey.replaceFirst("^feedback\\.", "").replace("warning.", "");
    }
}
