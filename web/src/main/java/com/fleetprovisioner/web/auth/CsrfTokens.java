package com.fleetprovisioner.web.auth;

import com.fleetprovisioner.core.auth.PreSessions;
import com.fleetprovisioner.core.auth.Session;
import com.fleetprovisioner.common.Secrets;
import com.fleetprovisioner.core.common.ValidationException;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * CSRF tokens, never empty and always bound to a server-side session: the user's once signed in;
 * before that (the login form) the browser's pre-session, opened on the first page it is shown.
 */
public final class CsrfTokens {
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final String OPENED = "fp.presession.csrf";
    /** What a batch keeps of a file name. */
    private static final int MAX_FILE_NAME = 255;

    private final Cookies cookies;
    private final PreSessions preSessions;

    public CsrfTokens(Cookies cookies, PreSessions preSessions) {
        this.cookies = cookies;
        this.preSessions = preSessions;
    }

    /** The token that forms on this response must carry; opens a pre-session when the browser has none. */
    public String token(Context ctx) {
        Optional<String> bound = Principal.of(ctx).flatMap(Principal::session).map(Session::csrfToken);
        if (bound.isPresent()) {
            return bound.get();
        }
        String opened = ctx.attribute(OPENED);
        if (opened != null) {
            return opened;
        }
        Optional<String> existing = preSessions.csrfToken(cookies.get(ctx, Cookies.PRE_SESSION));
        if (existing.isPresent()) {
            return existing.get();
        }
        PreSessions.Opened fresh = preSessions.open();
        cookies.set(ctx, Cookies.PRE_SESSION, fresh.cookieValue());
        ctx.attribute(OPENED, fresh.csrfToken());
        return fresh.csrfToken();
    }

    /**
     * The form's token; a multipart form the parser refuses (in practice a part header over the 998
     * characters a line may have: a very long file name) is a mistake to explain, not a server error.
     */
    private static String formToken(Context ctx) {
        try {
            return ctx.formParam(FIELD);
        } catch (IllegalStateException unreadable) {
            throw ValidationException.of("form", "The form could not be read: a file name in it is too long (at most "
                    + MAX_FILE_NAME + " characters) or the form is malformed. Rename the file and send it again.");
        }
    }

    boolean valid(Context ctx, Optional<Principal> principal) {
        String sent = ctx.header(HEADER) != null ? ctx.header(HEADER) : formToken(ctx);
        if (sent == null || sent.isEmpty()) {
            return false;
        }
        Optional<String> expected = principal.isPresent()
                ? principal.flatMap(Principal::session).map(Session::csrfToken)
                : preSessions.csrfToken(cookies.get(ctx, Cookies.PRE_SESSION));
        return expected.filter(token -> !token.isEmpty()).map(token -> Secrets.constantTimeEquals(token, sent))
                .orElse(false);
    }
}
