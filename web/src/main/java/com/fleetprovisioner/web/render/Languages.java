package com.fleetprovisioner.web.render;

import com.fleetprovisioner.web.auth.Principal;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The reader's locale: the signed-in user's own language if they chose one, else the browser's first
 * {@code Accept-Language}, else English. Text comes in {@link Messages#language its bundle's language}
 * (any French reads French (Canada), anything else English); numbers and dates follow the locale itself.
 * Worked out once per request.
 */
public final class Languages {
    private static final String ATTRIBUTE = "fp.locale";
    /** Longer than any real header; a longer one is ignored rather than parsed. */
    private static final int MAX_HEADER = 500;

    private final LongFunction<Optional<String>> preference;

    /** @param preference a user's chosen language tag by user id, empty for "automatic" */
    public Languages(LongFunction<Optional<String>> preference) {
        this.preference = preference;
    }

    public Locale of(Context ctx) {
        Locale cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        Locale locale = Principal.of(ctx).flatMap(p -> preference.apply(p.user().id())).map(Locale::forLanguageTag)
                .orElseGet(() -> fromBrowser(ctx.header("Accept-Language")));
        ctx.attribute(ATTRIBUTE, locale);
        return locale;
    }

    /** The first language of an {@code Accept-Language} header; English when there is none or it is malformed. */
    static Locale fromBrowser(String accepted) {
        if (accepted == null || accepted.isBlank() || accepted.length() > MAX_HEADER) {
            return Locale.ENGLISH;
        }
        try {
            return Locale.LanguageRange.parse(accepted).stream().map(Locale.LanguageRange::getRange)
                    .filter(r -> !r.equals("*")).findFirst().map(Locale::forLanguageTag)
                    .filter(l -> !l.getLanguage().isEmpty()).orElse(Locale.ENGLISH);
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
    }
}
