package com.fleetprovisioner.web.auth;

import com.fleetprovisioner.core.common.Text;
import io.javalin.http.Context;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A one-time message for the page after a redirect (POST → redirect → GET). Stored as a message key
 * with its arguments, so the page that shows it renders it in its reader's language. Never holds secrets.
 */
public final class Flash {
    /**
     * A flash as stored: a key of {@code messages.properties} and its arguments. Not core's {@code Text}, whose
     * arguments are strings: here numbers stay numbers (formatted in the reader's locale) and a {@link Key}
     * is rendered in the page's language.
     */
    public record Message(String key, List<Object> arguments) {
        public Object[] args() {
            return arguments.toArray();
        }
    }

    /** An argument that is itself a message key, rendered in the page's language too (e.g. a state's label). */
    public record Key(String key) {
    }

    private static final String SEPARATOR = "\u001f";
    private static final String NUMBER = "n";
    private static final String KEY = "k";
    private static final String TEXT = "s";

    private final Cookies cookies;

    public Flash(Cookies cookies) {
        this.cookies = cookies;
    }

    /** The message {@code key} of {@code messages.properties}, with its arguments. */
    public void set(Context ctx, String key, Object... arguments) {
        StringBuilder raw = new StringBuilder(key);
        for (Object argument : arguments) {
            raw.append(SEPARATOR).append(encode(argument));
        }
        cookies.set(ctx, Cookies.FLASH, URLEncoder.encode(raw.toString(), StandardCharsets.UTF_8));
    }

    /** A core text (e.g. a refusal's), shown in the language of the page after the redirect. */
    public void text(Context ctx, Text text) {
        set(ctx, text.key(), text.args().toArray());
    }

    public Optional<Message> take(Context ctx) {
        String raw = cookies.get(ctx, Cookies.FLASH);
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        cookies.clear(ctx, Cookies.FLASH);
        String[] parts = URLDecoder.decode(raw, StandardCharsets.UTF_8).split(SEPARATOR, -1);
        List<Object> arguments = new ArrayList<>();
        for (String part : Arrays.asList(parts).subList(1, parts.length)) {
            String value = part.substring(Math.min(1, part.length()));
            arguments.add(part.startsWith(NUMBER) ? number(value) : part.startsWith(KEY) ? new Key(value) : value);
        }
        return Optional.of(new Message(parts[0], List.copyOf(arguments)));
    }

    private static String encode(Object argument) {
        if (argument instanceof Long || argument instanceof Integer) {
            return NUMBER + argument;
        }
        return argument instanceof Key k ? KEY + k.key() : TEXT + argument;
    }

    private static Object number(String digits) {
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return digits;
        }
    }
}
