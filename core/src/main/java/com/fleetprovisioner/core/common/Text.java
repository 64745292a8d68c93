package com.fleetprovisioner.core.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A text for people, kept as a message key of the web's messages files with its arguments, so each reader
 * sees it in their own language (the core writes no sentences). Arguments are strings: ids and numbers as
 * written ({@code 42}), instants in ISO-8601 UTC (shown in the reader's zone), and words that are not ours
 * to translate, such as Fleet Freedom's own error text, as they came. {@link #VERBATIM} holds a text stored
 * before texts had keys, shown as it is.
 *
 * <p>Stored as two columns: the key, and the arguments as a JSON array of strings ({@link #argsJson()},
 * {@link #stored}) — JSON escapes quotes, backslashes and control characters, so any argument reads back
 * exactly.
 */
public record Text(String key, List<String> args) {
    /** The key of a text with no key: its one argument is shown as it is (a message of {@code {0}}). */
    public static final String VERBATIM = "verbatim";
    /** Longest argument kept: longer ones (a runaway server message) are cut with an ellipsis. */
    public static final int MAX_ARG = 500;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    public Text {
        Objects.requireNonNull(key, "key");
        args = args.stream().map(a -> clip(a == null ? "" : a)).toList();
    }

    /** {@code key} with its arguments, each written as a string ({@link Instant}s in ISO-8601 UTC). */
    public static Text of(String key, Object... args) {
        List<String> written = new ArrayList<>(args.length);
        for (Object a : args) {
            written.add(String.valueOf(a));
        }
        return new Text(key, written);
    }

    /** A text with no key (stored before keys existed), shown as it is. */
    public static Text verbatim(String text) {
        return new Text(VERBATIM, List.of(text == null ? "" : text));
    }

    /** The arguments as stored: a JSON array of strings, or null for none. */
    public String argsJson() {
        if (args.isEmpty()) {
            return null;
        }
        try {
            return JSON.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The text a row holds: its key and arguments, else (a row written before keys) its old message as it is,
     * else none. Arguments that do not read as a JSON array of strings are kept whole as one argument.
     */
    public static Optional<Text> stored(String key, String argsJson, String legacyMessage) {
        if (key == null || key.isEmpty()) {
            return Optional.ofNullable(legacyMessage).map(Text::verbatim);
        }
        if (argsJson == null || argsJson.isEmpty()) {
            return Optional.of(new Text(key, List.of()));
        }
        try {
            List<String> args = JSON.readValue(argsJson, STRINGS);
            return Optional.of(new Text(key, args == null ? List.of() : args));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.of(new Text(key, List.of(argsJson)));
        }
    }

    /** For logs: the key and its arguments, e.g. {@code event.retry.next[2026-01-01T00:00:00Z]}. */
    @Override
    public String toString() {
        return args.isEmpty() ? key : key + args;
    }

    private static String clip(String arg) {
        if (arg.length() <= MAX_ARG) {
            return arg;
        }
        int end = Character.isHighSurrogate(arg.charAt(MAX_ARG - 2)) ? MAX_ARG - 2 : MAX_ARG - 1;
        return arg.substring(0, end) + "…";
    }
}
