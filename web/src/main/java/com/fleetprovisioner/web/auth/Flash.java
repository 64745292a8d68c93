package com.fleetprovisioner.web.auth;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A one-time message for the page after a redirect (POST → redirect → GET). Never holds secrets. */
public final class Flash {
    private final Cookies cookies;

    public Flash(Cookies cookies) {
        this.cookies = cookies;
    }

    public void set(Context ctx, String message) {
        cookies.set(ctx, Cookies.FLASH, URLEncoder.encode(message, StandardCharsets.UTF_8));
    }

    public Optional<String> take(Context ctx) {
        String raw = cookies.get(ctx, Cookies.FLASH);
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        cookies.clear(ctx, Cookies.FLASH);
        return Optional.of(URLDecoder.decode(raw, StandardCharsets.UTF_8));
    }
}
