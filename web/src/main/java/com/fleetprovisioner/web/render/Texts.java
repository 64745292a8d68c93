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
 * newer version) shows as the key with its arguments rather than failing the page.
 */
public final class Texts {
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

    private static String format(Text text, Locale locale, Function<Instant, String> time) {
        if (!Messages.has(text.key())) {
            return text.toString();
        }
        Object[] args = text.args().stream().map(a -> argument(a, time)).toArray();
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
