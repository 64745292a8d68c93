package com.fleetprovisioner.core.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 *
 * <p>An argument may itself be a text ({@link #of} given a {@code Text}): a state's label, a refusal's reason, a
 * time shown in UTC ({@link #utc}). It is kept as one string, {@link #NESTED} then its key and arguments as a JSON
 * array, and shown in the reader's language too. A string argument never starts with {@link #NESTED}.
 */
public record Text(String key, List<String> args) {
    /** The key of a text with no key: its one argument is shown as it is (a message of {@code {0}}). */
    public static final String VERBATIM = "verbatim";
    /** Longest argument kept: longer ones (a runaway server message) are cut with an ellipsis. */
    public static final int MAX_ARG = 500;
    /** The first character of an argument that is itself a text (a control character no person types). */
    public static final char NESTED = '\u001e';
    /** The key of an instant shown in UTC (billing days are UTC days), in the reader's way of writing dates. */
    public static final String UTC_TIME = "time.utc";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    public Text {
        Objects.requireNonNull(key, "key");
        args = args.stream().map(a -> clip(a == null ? "" : a)).toList();
    }

    /**
     * {@code key} with its arguments, each written as a string ({@link Instant}s in ISO-8601 UTC, a {@code Text}
     * as a nested text shown in the reader's language).
     */
    public static Text of(String key, Object... args) {
        List<String> written = new ArrayList<>(args.length);
        for (Object a : args) {
            written.add(a instanceof Text nested ? nested.asArgument() : plain(String.valueOf(a)));
        }
        return new Text(key, written);
    }

    /** An instant shown in UTC, saying so, rather than in the reader's zone: for an argument of another text. */
    public static Text utc(Instant at) {
        return of(UTC_TIME, at);
    }

    /**
     * An instant in UTC as a reader of {@code language} writes dates, e.g. {@code 2 déc. 2026 14 h 05} or
     * {@code Dec 2, 2026, 2:05 PM}: how pages and emails write a {@link #utc} time (the words around it say UTC).
     */
    public static String writtenUtc(Instant at, Locale language) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(language).withZone(ZoneOffset.UTC).format(at);
    }

    /** The text an argument holds, when it is one ({@link #of} given a {@code Text}); else empty. */
    public static Optional<Text> nested(String arg) {
        if (arg == null || arg.isEmpty() || arg.charAt(0) != NESTED) {
            return Optional.empty();
        }
        try {
            List<String> parts = JSON.readValue(arg.substring(1), STRINGS);
            return parts == null || parts.isEmpty() || parts.get(0) == null ? Optional.empty()
                    : Optional.of(new Text(parts.get(0), parts.subList(1, parts.size())));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The text as one string (as an argument holds it), for a list of strings to store; {@link #unpack} reads it. */
    public String packed() {
        return asArgument();
    }

    /** A {@link #packed} text, or a string stored before texts were packed: shown as it is. */
    public static Text unpack(String stored) {
        return nested(stored).orElseGet(() -> verbatim(stored));
    }

    private String asArgument() {
        List<String> parts = new ArrayList<>(args.size() + 1);
        parts.add(key);
        parts.addAll(args);
        try {
            return NESTED + JSON.writeValueAsString(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A string given as an argument is shown as it is: it cannot pass for a nested text. */
    private static String plain(String arg) {
        return !arg.isEmpty() && arg.charAt(0) == NESTED ? '\ufffd' + arg.substring(1) : arg;
    }

    /** A text with no key (stored before keys existed), shown as it is. */
    public static Text verbatim(String text) {
        return new Text(VERBATIM, List.of(text == null ? "" : plain(text)));
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
        if (arg.length() <= MAX_ARG || arg.charAt(0) == NESTED) {
            return arg;
        }
        int end = Character.isHighSurrogate(arg.charAt(MAX_ARG - 2)) ? MAX_ARG - 2 : MAX_ARG - 1;
        return arg.substring(0, end) + "…";
    }
}
