package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * Row messages in English as people read them, from the web's messages file (the core writes keys, the web owns
 * the sentences), so the validation tests still say what a person sees. A missing key fails the test.
 */
final class EnglishTexts {
    private static final Properties MESSAGES = load(Path.of("../web/src/main/resources/messages.properties"));

    private EnglishTexts() {
    }

    static String render(Text text) {
        if (text.key().equals(Text.VERBATIM)) {
            return text.args().get(0);
        }
        String pattern = MESSAGES.getProperty(text.key());
        if (pattern == null) {
            throw new AssertionError("No message " + text.key() + " in the web's messages.properties");
        }
        return new MessageFormat(pattern, Locale.ENGLISH).format(text.args().toArray());
    }

    private static Properties load(Path file) {
        Properties messages = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            messages.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return messages;
    }
}
