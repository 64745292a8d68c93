package com.fleetprovisioner.web.auth;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * Our cookies: always HttpOnly and SameSite=Lax. Over HTTPS (direct, or as a trusted proxy reports
 * it) they are Secure and named with the {@code __Host-} prefix, which browsers accept only from a
 * secure origin for the whole host: no subdomain or plain-HTTP page can plant or overwrite them.
 */
public final class Cookies {
    public static final String SESSION = "fp_session";
    /** The pre-session of a browser that has not signed in: the login form's CSRF token is bound to it. */
    public static final String PRE_SESSION = "fp_presession";
    /** A browser where its user signed in before: see {@code KnownDevices}. */
    public static final String DEVICE = "fp_device";
    public static final String FLASH = "fp_flash";
    public static final String HOST_PREFIX = "__Host-";

    private final ClientAddress address;

    public Cookies(ClientAddress address) {
        this.address = address;
    }

    public void set(Context ctx, String name, String value) {
        set(ctx, name, value, -1);
    }

    /** A cookie kept for {@code maxAgeSeconds} (-1: for the browser session). */
    public void set(Context ctx, String name, String value, int maxAgeSeconds) {
        boolean secure = secure(ctx);
        ctx.cookie(new Cookie(name(name, secure), value, "/", maxAgeSeconds, secure, 0, true, null, null, SameSite.LAX));
    }

    public void clear(Context ctx, String name) {
        boolean secure = secure(ctx);
        ctx.cookie(new Cookie(name(name, secure), "", "/", 0, secure, 0, true, null, null, SameSite.LAX));
    }

    /** The cookie's value as this request's scheme names it; null when absent. */
    public String get(Context ctx, String name) {
        return ctx.cookie(name(name, secure(ctx)));
    }

    /** HTTPS directly, or (only from a trusted proxy) as the proxy reports it. */
    public boolean secure(Context ctx) {
        return address.https(ctx);
    }

    private static String name(String name, boolean secure) {
        return secure ? HOST_PREFIX + name : name;
    }
}
