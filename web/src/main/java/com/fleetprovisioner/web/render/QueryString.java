package com.fleetprovisioner.web.render;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** A filter form as a link's query string: its non-empty fields, in the order given, URL-encoded. */
public final class QueryString {
    private QueryString() {
    }

    /** @param namesAndValues name, value, name, value … */
    public static String of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            String value = namesAndValues[i + 1];
            if (!value.isEmpty()) {
                out.append(out.length() == 0 ? "" : "&").append(namesAndValues[i]).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return out.toString();
    }
}
