package com.fleetprovisioner.web.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

/**
 * The one messages file, for the pages (through Thymeleaf) and for text the API answers with, so an
 * API message and the page's say the same.
 */
public final class Messages {
    private static final Properties TEXTS = load();

    private Messages() {
    }

    /** A copy of every message. */
    public static Properties all() {
        Properties copy = new Properties();
        copy.putAll(TEXTS);
        return copy;
    }

    /** The message for {@code key}, formatted as Thymeleaf formats it ({@link MessageFormat}). */
    public static String text(String key, Object... arguments) {
        String pattern = TEXTS.getProperty(key);
        if (pattern == null) {
            throw new IllegalArgumentException("No message " + key);
        }
        return new MessageFormat(pattern, Locale.ENGLISH).format(arguments);
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream("messages.properties")) {
            if (in == null) {
                throw new IllegalStateException("messages.properties is missing from the classpath");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
