package com.fleetprovisioner.web.tokens;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.ApiToken;
import com.fleetprovisioner.core.auth.ApiTokenService;
import com.fleetprovisioner.core.auth.ApiTokenService.IssuedToken;
import com.fleetprovisioner.core.auth.AuthService;
import com.fleetprovisioner.core.auth.AuthService.Authentication;
import com.fleetprovisioner.core.auth.User;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.web.ErrorResponses;
import com.fleetprovisioner.web.auth.ClientAddress;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * REST: {@code POST /api/v1/tokens} trades a username and password for a token (throttled like the
 * login form); the rest needs a token.
 */
public final class TokensApi {
    /** {@code expiresInDays}: 1 to 365, "never", or absent for the default (90). */
    public record TokenRequest(String username, String password, String name, String expiresInDays) {
    }

    public record TokenJson(long id, String name, String prefix, String username, Instant createdAt,
            Instant lastUsedAt, Instant revokedAt, Instant expiresAt) {
        static TokenJson of(ApiToken token) {
            return new TokenJson(token.id(), token.name(), token.prefix(), token.username(), token.createdAt(),
                    token.lastUsedAt().orElse(null), token.revokedAt().orElse(null), token.expiresAt().orElse(null));
        }
    }

    public record CreatedTokenJson(String token, long id, String name, String username, String role,
            Instant expiresAt) {
    }

    private final AuthService auth;
    private final ApiTokenService tokens;
    private final ErrorResponses errors;
    private final Clock clock;

    public TokensApi(AuthService auth, ApiTokenService tokens, ErrorResponses errors, Clock clock) {
        this.auth = auth;
        this.tokens = tokens;
        this.errors = errors;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.post("/api/v1/tokens", Access.PUBLIC, this::create);
        routes.get("/api/v1/tokens", Access.VIEWER, this::list);
        routes.delete("/api/v1/tokens/{id}", Access.VIEWER, this::revoke);
        routes.get("/api/v1/me", Access.VIEWER, this::me);
    }

    private void create(Context ctx) {
        TokenRequest request = ctx.bodyAsClass(TokenRequest.class);
        if (request.username() == null || request.password() == null) {
            throw ValidationException.of("username", "tokens.error.body");
        }
        Authentication result = auth.authenticate(request.username(), request.password(),
                new AuthService.Origin(ctx.ip(), ClientAddress.peer(ctx), ClientAddress.forwardedFor(ctx), Optional.empty()),
                "api");
        if (result instanceof Authentication.Succeeded succeeded) {
            User user = succeeded.user();
            IssuedToken issued = tokens.issue(Principal.seen(ctx, Actor.user(user.id(), user.username(), ctx.ip())), user,
                    request.name(), request.expiresInDays());
            ctx.status(201).json(new CreatedTokenJson(issued.rawToken(), issued.token().id(), issued.token().name(),
                    user.username(), user.role().id(), issued.token().expiresAt().orElse(null)));
        } else if (result instanceof Authentication.Refused refused) {
            long seconds = refused.refusal().retryAfterSeconds(clock.instant());
            ctx.header("Retry-After", Long.toString(seconds));
            ctx.status(429).json(Map.of("error", "Too many failed sign-ins",
                    "message", "Try again after " + refused.refusal().until(), "retryAfterSeconds", seconds));
        } else if (result instanceof Authentication.Busy busy) {
            errors.busy(ctx, busy.retryAfterSeconds());
        } else {
            errors.unauthorized(ctx, "error.unauthorized.credentials");
        }
    }

    private void list(Context ctx) {
        List<TokenJson> visible = tokens.visibleTo(Principal.require(ctx).user()).stream().map(TokenJson::of).toList();
        ctx.json(Map.of("tokens", visible));
    }

    private void revoke(Context ctx) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        tokens.revoke(Principal.actor(ctx), Principal.require(ctx).user(), id);
        ctx.status(204);
    }

    private void me(Context ctx) {
        User user = Principal.require(ctx).user();
        ctx.json(Map.of("id", user.id(), "username", user.username(), "role", user.role().id()));
    }
}
