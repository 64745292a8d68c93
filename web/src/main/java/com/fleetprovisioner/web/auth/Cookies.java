package com.fleetprovisioner.web.auth;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/** Our cookies: always HttpOnly and SameSite=Lax, Secure whenever the request came over HTTPS. */
public final class Cookies {
    public static final String SESSION = "fp_session";
    /** Double-submit CSRF token for forms shown before sign-in (the login form). */
    public static final String ANONYMOUS_CSRF = "fp_csrf";
    public static final String FLASH = "fp_flash";

    private final boolean trustProxy;

    public Cookies(boolean trustProxy) {
        this.trustProxy = trustProxy;
    }

    public void set(Context ctx, String name, String value) {
        ctx.cookie(new Cookie(name, value, "/", -1, secure(ctx), 0, true, null, null, SameSite.LAX));
    }

    public void clear(Context ctx, String name) {
        ctx.cookie(new Cookie(name, "", "/", 0, secure(ctx), 0, true, null, null, SameSite.LAX));
    }

    /** HTTPS directly, or (only when configured to trust a proxy) as the proxy reports it. */
    public boolean secure(Context ctx) {
        if ("https".equalsIgnoreCase(ctx.scheme())) {
            return true;
        }
        return trustProxy && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }
}
