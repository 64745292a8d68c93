package com.fleetprovisioner.web.auth;

import com.fleetprovisioner.core.auth.ApiTokenService;
import com.fleetprovisioner.core.auth.AuthService;
import com.fleetprovisioner.web.ErrorResponses;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.ErrorGuard;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Authentication (session cookie for pages, bearer token for {@code /api/}), authorization against
 * each route's declared {@link Access} (deny by default), CSRF for every state-changing page request,
 * and the security headers of every response.
 */
public final class AuthFilters {
    private static final Set<HandlerType> SAFE_METHODS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** A year; no includeSubDomains: other hosts of the operator's domain are not ours to decide for. */
    static final String HSTS = "max-age=31536000";

    private final AuthService auth;
    private final ApiTokenService tokens;
    private final Cookies cookies;
    private final CsrfTokens csrf;
    private final ErrorResponses errors;

    public AuthFilters(AuthService auth, ApiTokenService tokens, Cookies cookies, CsrfTokens csrf, ErrorResponses errors) {
        this.auth = auth;
        this.tokens = tokens;
        this.cookies = cookies;
        this.csrf = csrf;
        this.errors = errors;
    }

    public void register(Javalin app) {
        app.before(ErrorGuard.guard(this::authenticate));
        app.beforeMatched(ErrorGuard.guard(this::authorize));
    }

    public static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    /** The API, and the detailed health a monitor reads with a token (anonymous callers get 401, not a login page). */
    private static boolean tokenPath(Context ctx) {
        return isApi(ctx) || ctx.path().equals("/health");
    }

    private void authenticate(Context ctx) {
        securityHeaders(ctx);
        Optional<String> bearer = bearer(ctx);
        if (tokenPath(ctx) && bearer.isPresent()) {
            Optional<Principal> principal = tokens.authenticate(bearer.get()).map(u -> new Principal(u, Optional.empty()));
            principal.ifPresentOrElse(p -> Principal.attach(ctx, p), () -> {
                tokens.expiredAt(bearer.get()).ifPresentOrElse(
                        at -> errors.unauthorized(ctx, "error.unauthorized.expired", at.toString()),
                        () -> errors.unauthorized(ctx, "error.unauthorized.invalid"));
                ctx.skipRemainingHandlers();
            });
            return;
        }
        if (isApi(ctx)) {
            return;
        }
        String cookie = cookies.get(ctx, Cookies.SESSION);
        if (cookie != null && !cookie.isEmpty()) {
            auth.resume(cookie).ifPresentOrElse(
                    found -> Principal.attach(ctx, new Principal(found.user(), Optional.of(found.session()))),
                    () -> cookies.clear(ctx, Cookies.SESSION));
        }
    }

    private void authorize(Context ctx) {
        Access access = ctx.routeRoles().stream()
                .filter(Access.class::isInstance).map(Access.class::cast).findFirst().orElse(null);
        if (access == null) {
            errors.forbidden(ctx, "error.forbidden.closed");
            ctx.skipRemainingHandlers();
            return;
        }
        Optional<Principal> principal = Principal.of(ctx);
        if (access.minimum().isPresent()) {
            if (principal.isEmpty()) {
                refuseAnonymous(ctx);
                ctx.skipRemainingHandlers();
                return;
            }
            if (!principal.get().user().role().includes(access.minimum().get())) {
                errors.forbidden(ctx, "error.forbidden.role", principal.get().user().role().id());
                ctx.skipRemainingHandlers();
                return;
            }
        }
        if (!SAFE_METHODS.contains(ctx.method()) && !isApi(ctx) && !csrf.valid(ctx, principal)) {
            errors.forbidden(ctx, "error.forbidden.csrf");
            ctx.skipRemainingHandlers();
        }
    }

    private void refuseAnonymous(Context ctx) {
        if (tokenPath(ctx)) {
            errors.unauthorized(ctx, "error.unauthorized.token");
            return;
        }
        String target = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
        ctx.redirect("/login?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }

    private static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(header.substring(7).trim());
    }

    private void securityHeaders(Context ctx) {
        if (cookies.secure(ctx)) {
            // only on a response that came over HTTPS: a browser ignores it on plain HTTP anyway
            ctx.header("Strict-Transport-Security", HSTS);
        }
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("X-Frame-Options", "DENY");
        if (!ctx.path().startsWith("/static/")) {
            // pages carry personal data and CSRF tokens: never keep them in a shared cache
            ctx.header("Cache-Control", "no-store");
        }
    }
}
