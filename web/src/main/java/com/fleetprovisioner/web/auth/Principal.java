package com.fleetprovisioner.web.auth;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Session;
import com.fleetprovisioner.core.auth.User;
import io.javalin.http.Context;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;

/** The user behind a request: from a browser session (with its CSRF token) or from an API token. */
public record Principal(User user, Optional<Session> session) {
    private static final String ATTRIBUTE = "fp.principal";

    static void attach(Context ctx, Principal principal) {
        ctx.attribute(ATTRIBUTE, principal);
    }

    public static Optional<Principal> of(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    /** For handlers behind an authenticated route: the access filter has already made sure there is one. */
    public static Principal require(Context ctx) {
        return of(ctx).orElseThrow(UnauthorizedResponse::new);
    }

    public static Actor actor(Context ctx) {
        return seen(ctx, of(ctx)
                .map(p -> Actor.user(p.user().id(), p.user().username(), ctx.ip()))
                .orElseGet(() -> Actor.anonymous("anonymous", ctx.ip())));
    }

    /** The actor with this request's socket peer and forwarded header, for the audit log. */
    public static Actor seen(Context ctx, Actor actor) {
        return actor.seenFrom(ClientAddress.peer(ctx), ClientAddress.forwardedFor(ctx));
    }
}
