package com.fleetprovisioner.web.auth;

import com.fleetprovisioner.core.auth.PasswordChange;
import com.fleetprovisioner.core.auth.Session;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;

/**
 * Everyone changes their own password here, with the current one. The browser that does it stays
 * signed in; every other session of the user ends and their API tokens are revoked.
 */
public final class PasswordController {
    public record PasswordPage(Map<String, String> errors) {
    }

    private final PasswordChange change;
    private final PageRenderer renderer;
    private final Flash flash;

    public PasswordController(PasswordChange change, PageRenderer renderer, Flash flash) {
        this.change = change;
        this.renderer = renderer;
        this.flash = flash;
    }

    public void register(Routes routes) {
        routes.get("/account/password", Access.VIEWER, this::show);
        routes.post("/account/password", Access.VIEWER, this::save);
    }

    private void show(Context ctx) {
        renderer.render(ctx, "auth/password", new PasswordPage(Map.of()));
    }

    private void save(Context ctx) {
        Principal principal = Principal.require(ctx);
        String current = Optional.ofNullable(ctx.formParam("current")).orElse("");
        String next = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String repeated = Optional.ofNullable(ctx.formParam("repeat")).orElse("");
        if (!next.equals(repeated)) {
            renderer.render(ctx, 422, "auth/password",
                    new PasswordPage(Map.of("repeat", renderer.text(ctx, "password.error.repeat"))));
            return;
        }
        // a browser session only: an API token cannot reach this page's form
        String keptSession = principal.session().map(Session::tokenHash).orElse("");
        try {
            PasswordChange.Changed changed = change.change(Principal.actor(ctx), principal.user(), keptSession,
                    current, next);
            flash.set(ctx, "password.flash.changed", changed.sessionsEnded(), changed.tokensRevoked());
            ctx.redirect("/account", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            renderer.render(ctx, 422, "auth/password", new PasswordPage(renderer.errors(ctx, e)));
        }
    }
}
