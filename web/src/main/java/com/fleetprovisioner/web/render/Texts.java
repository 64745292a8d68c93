package com.fleetprovisioner.web.render;

import com.fleetprovisioner.core.common.Text;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A core {@link Text} (a message key with its arguments) in a reader's language: the message of its key,
 * with each argument written in ISO-8601 UTC shown as a time in the reader's zone, as every time on the pages.
 * Other arguments (ids, Fleet Freedom's own words) are shown as they are. A key the files lack (written by a
 * newer version) shows as the key with its arguments rather than failing the page. An argument that is itself a
 * text (a state's label, a refusal's reason) is shown in the same language; {@link Text#utc} shows its instant in
 * UTC, written the reader's way.
 */
public final class Texts {
    /** Texts inside texts go this deep; a deeper one (a forged argument) is shown as it is. */
    private static final int MAX_DEPTH = 3;
    private static final Pattern ISO_INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z");

    private Texts() {
    }

    public static String render(Text text, Locale locale, UserZone zone) {
        return format(text, locale, at -> ShownTime.of(at, zone).local());
    }

    /** In English with times in UTC: the API's language. */
    public static String english(Text text) {
        return format(text, Messages.ENGLISH, at -> ShownTime.of(at, UserZone.FALLBACK).utc());
    }

    /** The arguments as the API gives them: a text inside the text (a state's label, a reason) in English. */
    public static java.util.List<String> englishArgs(Text text) {
        return text.args().stream().map(a -> Text.nested(a).map(Texts::english).orElse(a)).toList();
    }

    /** An instant in UTC as a reader of {@code locale} writes dates, e.g. {@code 2 déc. 2026 14 h 05}. */
    public static String utc(Instant at, Locale locale) {
        return Text.writtenUtc(at, Messages.language(locale));
    }

    private static String format(Text text, Locale locale, Function<Instant, String> time) {
        return format(text, locale, time, 0);
    }

    private static String format(Text text, Locale locale, Function<Instant, String> time, int depth) {
        if (!Messages.has(text.key())) {
            return text.toString();
        }
        Function<Instant, String> shown = text.key().equals(Text.UTC_TIME) ? at -> utc(at, locale) : time;
        Object[] args = text.args().stream().map(a -> Text.nested(a).filter(n -> depth < MAX_DEPTH)
                .map(n -> format(n, locale, time, depth + 1)).orElseGet(() -> argument(a, shown))).toArray();
        return Messages.text(locale, text.key(), args);
    }

    private static String argument(String arg, Function<Instant, String> time) {
        if (!ISO_INSTANT.matcher(arg).matches()) {
            return arg;
        }
        try {
            return time.apply(Instant.parse(arg));
        } catch (DateTimeParseException e) {
            return arg;
        }
    }
}
