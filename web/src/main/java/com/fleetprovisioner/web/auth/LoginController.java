package com.fleetprovisioner.web.auth;

import com.fleetprovisioner.core.auth.AuthService;
import com.fleetprovisioner.core.auth.AuthService.Authentication;
import com.fleetprovisioner.core.auth.KnownDevices;
import com.fleetprovisioner.core.auth.PreSessions;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.Optional;

/** Sign in and sign out. A new session id at every sign-in; failures are throttled and audited by the service. */
public final class LoginController {
    public record LoginPage(String username, String next, Optional<String> error) {
    }

    private final AuthService auth;
    private final PreSessions preSessions;
    private final Cookies cookies;
    private final Flash flash;
    private final PageRenderer renderer;
    private final Clock clock;

    public LoginController(AuthService auth, PreSessions preSessions, Cookies cookies, Flash flash,
            PageRenderer renderer, Clock clock) {
        this.auth = auth;
        this.preSessions = preSessions;
        this.cookies = cookies;
        this.flash = flash;
        this.renderer = renderer;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.get("/login", Access.PUBLIC, this::showForm);
        routes.post("/login", Access.PUBLIC, this::login);
        routes.post("/logout", Access.VIEWER, this::logout);
    }

    private void showForm(Context ctx) {
        String next = safeNext(ctx.queryParam("next"));
        if (Principal.of(ctx).isPresent()) {
            ctx.redirect(next, HttpStatus.SEE_OTHER);
            return;
        }
        renderer.render(ctx, "auth/login", new LoginPage("", next, Optional.empty()));
    }

    private void login(Context ctx) {
        String username = Optional.ofNullable(ctx.formParam("username")).orElse("");
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String next = safeNext(ctx.formParam("next"));
        AuthService.Origin origin = new AuthService.Origin(ctx.ip(), ClientAddress.peer(ctx),
                ClientAddress.forwardedFor(ctx), Optional.ofNullable(cookies.get(ctx, Cookies.DEVICE)));
        Authentication result = auth.authenticate(username, password, origin, "web");
        if (result instanceof Authentication.Succeeded succeeded) {
            auth.discard(cookies.get(ctx, Cookies.SESSION));
            preSessions.end(cookies.get(ctx, Cookies.PRE_SESSION));
            cookies.clear(ctx, Cookies.PRE_SESSION);
            AuthService.NewSession session = auth.openSession(succeeded.user(), ctx.ip(), ctx.userAgent());
            cookies.set(ctx, Cookies.SESSION, session.cookieValue());
            auth.knownDeviceCookie(succeeded.user()).ifPresent(device -> cookies.set(ctx, Cookies.DEVICE, device,
                    (int) KnownDevices.LIFETIME.toSeconds()));
            ctx.redirect(next, HttpStatus.SEE_OTHER);
        } else if (result instanceof Authentication.Refused refused) {
            long seconds = refused.refusal().retryAfterSeconds(clock.instant());
            ctx.header("Retry-After", Long.toString(seconds));
            String message = refused.refusal().locked()
                    ? renderer.text(ctx, "login.error.locked", refused.refusal().until().toString())
                    : renderer.text(ctx, "login.error.wait", seconds);
            renderer.render(ctx, 429, "auth/login", new LoginPage(username, next, Optional.of(message)));
        } else if (result instanceof Authentication.Busy busy) {
            ctx.header("Retry-After", Long.toString(busy.retryAfterSeconds()));
            renderer.render(ctx, 429, "auth/login", new LoginPage(username, next, Optional.of(
                    renderer.text(ctx, "login.error.busy", busy.retryAfterSeconds()))));
        } else {
            renderer.render(ctx, 401, "auth/login",
                    new LoginPage(username, next, Optional.of(renderer.text(ctx, "login.error.wrong"))));
        }
    }

    private void logout(Context ctx) {
        auth.logout(cookies.get(ctx, Cookies.SESSION), Principal.actor(ctx));
        cookies.clear(ctx, Cookies.SESSION);
        flash.set(ctx, "login.flash.signedOut");
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    /** Only a path on this site: see {@link SafeNext}. */
    static String safeNext(String next) {
        return SafeNext.of(next);
    }
}
