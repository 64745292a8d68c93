package com.fleetprovisioner.web.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The messages files, for the pages (through Thymeleaf) and for text Java code shows: English in
 * {@code messages.properties}, French (Canada) in {@code messages_fr_CA.properties}. A key the
 * French file lacks falls back to English. The API always answers in English, so its messages and
 * an English page say the same.
 */
public final class Messages {
    /** The languages there are bundles for; every other language is read in English. */
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale FRENCH = Locale.CANADA_FRENCH;

    private static final Pattern DIGITS = Pattern.compile("-?[0-9]{1,30}(\\.[0-9]{1,30})?");
    private static final Properties TEXTS = load("messages.properties", true);
    private static final Properties FRENCH_TEXTS = load("messages_fr_CA.properties", false);

    private Messages() {
    }

    /** A copy of every English message. */
    public static Properties all() {
        return copy(TEXTS);
    }

    /** The messages of a language that differ from English (empty for English), as Thymeleaf asks for them. */
    static Map<String, String> overrides(Locale locale) {
        Map<String, String> texts = new java.util.HashMap<>();
        if (language(locale).equals(FRENCH)) {
            FRENCH_TEXTS.forEach((k, v) -> texts.put((String) k, (String) v));
        }
        return texts;
    }

    /** The bundle's language a reader of {@code locale} gets: French (Canada) for any French, else English. */
    public static Locale language(Locale locale) {
        return locale != null && locale.getLanguage().equals(FRENCH.getLanguage()) ? FRENCH : ENGLISH;
    }

    /** The English message for {@code key} (the API's language). */
    public static String text(String key, Object... arguments) {
        return text(ENGLISH, key, arguments);
    }

    /** The message for {@code key} in the reader's language, formatted as Thymeleaf formats it ({@link MessageFormat}). */
    public static String text(Locale locale, String key, Object... arguments) {
        return format(locale, key, arguments, true);
    }

    private static String format(Locale locale, String key, Object[] arguments, boolean lenient) {
        String pattern = find(locale, key).orElseThrow(() -> new IllegalArgumentException("No message " + key));
        MessageFormat format = new MessageFormat(pattern, locale);
        return format.format(numbers(format, arguments, lenient));
    }

    /**
     * As {@link #text}, but an argument where the message writes a number must be one (or a string of
     * digits): else {@link IllegalArgumentException} rather than the string shown as it is. For arguments
     * that arrive from outside (a flash cookie), where a word in a number's place means a forged value.
     */
    public static String typedText(Locale locale, String key, Object... arguments) {
        return format(locale, key, arguments, false);
    }

    /**
     * A number written as a string (a core text's arguments are strings) where the message formats a number
     * ({@code {0,number,integer}}): read as one, so it is grouped the reader's way (32,767; 32 767). Plain
     * digits only: "1e999999999" would be a billion digits to write.
     */
    private static Object[] numbers(MessageFormat format, Object[] arguments, boolean lenient) {
        Format[] formats = format.getFormatsByArgumentIndex();
        Object[] typed = arguments.clone();
        for (int i = 0; i < Math.min(formats.length, typed.length); i++) {
            if (formats[i] instanceof NumberFormat && typed[i] instanceof String s && DIGITS.matcher(s).matches()) {
                typed[i] = new BigDecimal(s); // else left a string: shown as it is (below)
            }
            if (lenient && formats[i] instanceof NumberFormat && !(typed[i] instanceof Number)) {
                format.setFormatByArgumentIndex(i, null); // not a number after all: shown as it is
            }
        }
        return typed;
    }

    /** Whether {@code key} names an English message (every key has one). */
    public static boolean has(String key) {
        return TEXTS.containsKey(key);
    }

    private static Optional<String> find(Locale locale, String key) {
        if (language(locale).equals(FRENCH) && FRENCH_TEXTS.containsKey(key)) {
            return Optional.of(FRENCH_TEXTS.getProperty(key));
        }
        return Optional.ofNullable(TEXTS.getProperty(key));
    }

    private static Properties copy(Properties from) {
        Properties copy = new Properties();
        copy.putAll(from);
        return copy;
    }

    private static Properties load(String file, boolean required) {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(file)) {
            if (in == null) {
                if (required) {
                    throw new IllegalStateException(file + " is missing from the classpath");
                }
                return properties;
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
