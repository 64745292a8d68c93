package com.fleetprovisioner.web.auth;

import com.fleetprovisioner.core.auth.Session;
import com.fleetprovisioner.core.common.Secrets;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * CSRF tokens: bound to the session once signed in; before that (the login form) a random token in
 * a cookie that the form must repeat (double submit).
 */
public final class CsrfTokens {
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";

    private final Cookies cookies;

    public CsrfTokens(Cookies cookies) {
        this.cookies = cookies;
    }

    /** The token that forms on this response must carry; sets the anonymous cookie when needed. */
    public String token(Context ctx) {
        Optional<String> bound = Principal.of(ctx).flatMap(Principal::session).map(Session::csrfToken);
        if (bound.isPresent()) {
            return bound.get();
        }
        String anonymous = ctx.cookie(Cookies.ANONYMOUS_CSRF);
        if (anonymous == null || anonymous.isEmpty()) {
            anonymous = Secrets.randomToken(32);
            cookies.set(ctx, Cookies.ANONYMOUS_CSRF, anonymous);
        }
        return anonymous;
    }

    boolean valid(Context ctx, Optional<Principal> principal) {
        String sent = ctx.header(HEADER);
        if (sent == null) {
            sent = ctx.formParam(FIELD);
        }
        String expected = principal.flatMap(Principal::session).map(Session::csrfToken)
                .orElseGet(() -> ctx.cookie(Cookies.ANONYMOUS_CSRF));
        return Secrets.constantTimeEquals(sent, expected);
    }
}
