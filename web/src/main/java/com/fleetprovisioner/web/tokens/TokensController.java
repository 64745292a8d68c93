package com.fleetprovisioner.web.tokens;

import com.fleetprovisioner.core.auth.ApiToken;
import com.fleetprovisioner.core.auth.ApiTokenService;
import com.fleetprovisioner.core.auth.ApiTokenService.IssuedToken;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.web.render.ConfirmPage;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Tokens page: everyone manages their own API tokens; admins see and revoke all of them. */
public final class TokensController {
    /** {@code now} tells the template which tokens have expired. */
    public record TokensPage(List<ApiToken> tokens, boolean showOwner, Map<String, String> errors, Instant now,
            UserZone zone) {
        public List<Integer> lifetimes() {
            return LIFETIMES;
        }

        public int defaultLifetime() {
            return ApiTokenService.DEFAULT_DAYS;
        }
    }

    private static final List<Integer> LIFETIMES = List.of(7, 30, ApiTokenService.DEFAULT_DAYS, ApiTokenService.MAX_DAYS);

    /** Shown once, right after creation: the only time the raw token is ever displayed. */
    public record CreatedPage(String rawToken, ApiToken token) {
    }

    private final ApiTokenService tokens;
    private final PageRenderer renderer;
    private final Flash flash;

    private final Clock clock;

    public TokensController(ApiTokenService tokens, PageRenderer renderer, Flash flash, Clock clock) {
        this.clock = clock;
        this.tokens = tokens;
        this.renderer = renderer;
        this.flash = flash;
    }

    public void register(Routes routes) {
        routes.get("/tokens", Access.VIEWER, this::list);
        routes.post("/tokens", Access.VIEWER, this::create);
        routes.get("/tokens/{id}/revoke", Access.VIEWER, this::confirmRevoke);
        routes.post("/tokens/{id}/revoke", Access.VIEWER, this::revoke);
    }

    private void list(Context ctx) {
        show(ctx, 200, Map.of());
    }

    private void create(Context ctx) {
        Principal principal = Principal.require(ctx);
        try {
            IssuedToken issued = tokens.issue(Principal.actor(ctx), principal.user(),
                    Optional.ofNullable(ctx.formParam("name")).orElse(""),
                    Optional.ofNullable(ctx.formParam("expiresInDays")).orElse(""));
            // Rendered directly rather than redirected: the raw token must not travel in a cookie or URL.
            renderer.render(ctx, 201, "tokens/created", new CreatedPage(issued.rawToken(), issued.token()));
        } catch (ValidationException e) {
            show(ctx, 422, renderer.errors(ctx, e));
        }
    }

    /** Revoking cannot be undone and breaks whatever uses the token: asked first. */
    private void confirmRevoke(Context ctx) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        ApiToken token = tokens.visibleTo(Principal.require(ctx).user()).stream().filter(t -> t.id() == id && t.active())
                .findFirst().orElseThrow(() -> new NotFoundException("notFound.activeToken", id));
        renderer.render(ctx, "confirm/confirm", new ConfirmPage("confirm.revoke.title", List.of(token.name()),
                "confirm.revoke.consequence", List.of(token.name(), token.prefix()), ctx.path(), Map.of(),
                "confirm.revoke.button", List.of(), true, "/tokens", "confirm.revoke.back"));
    }

    private void revoke(Context ctx) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        if (!ConfirmPage.confirmed(ctx)) {
            ctx.redirect(ctx.path(), HttpStatus.SEE_OTHER);
            return;
        }
        tokens.revoke(Principal.actor(ctx), Principal.require(ctx).user(), id);
        flash.set(ctx, "tokens.flash.revoked");
        ctx.redirect("/tokens", HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, int status, Map<String, String> errors) {
        Principal principal = Principal.require(ctx);
        renderer.render(ctx, status, "tokens/list", new TokensPage(tokens.visibleTo(principal.user()),
                principal.user().role() == Role.ADMIN, errors, clock.instant(), UserZone.of(ctx)));
    }
}
