package com.fleetprovisioner.web.notify;

import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.notify.NotificationAdmin;
import com.fleetprovisioner.core.notify.Recipient;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;

/** Everyone's own settings: the address notification emails go to, and whether to get them at all. */
public final class AccountController {
    public record AccountPage(String email, boolean optedOut, Map<String, String> errors) {
    }

    private final NotificationAdmin notifications;
    private final PageRenderer renderer;
    private final Flash flash;

    public AccountController(NotificationAdmin notifications, PageRenderer renderer, Flash flash) {
        this.notifications = notifications;
        this.renderer = renderer;
        this.flash = flash;
    }

    public void register(Routes routes) {
        routes.get("/account", Access.VIEWER, this::show);
        routes.post("/account", Access.VIEWER, this::save);
    }

    private void show(Context ctx) {
        Optional<Recipient> current = notifications.preferences(Principal.require(ctx).user().id());
        renderer.render(ctx, 200, "notify/account", new AccountPage(current.map(Recipient::email).orElse(""),
                current.map(Recipient::optedOut).orElse(false), Map.of()));
    }

    private void save(Context ctx) {
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
        boolean optedOut = ctx.formParam("optOut") != null;
        try {
            notifications.savePreferences(Principal.actor(ctx), Principal.require(ctx).user().id(), email, optedOut);
            flash.set(ctx, "Notification settings saved.");
            ctx.redirect("/account", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            renderer.render(ctx, 422, "notify/account", new AccountPage(email, optedOut, e.fieldErrors()));
        }
    }
}
