package com.fleetprovisioner.web.notify;

import com.fleetprovisioner.core.auth.UserLanguage;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everyone's own settings: the address notification emails go to, whether to get them at all, and
 * the language of the pages.
 */
public final class AccountController {
    /** @param language the chosen language tag, empty for "automatic"; @param languages the tags to choose from */
    public record AccountPage(String email, boolean optedOut, String language, List<String> languages,
            Map<String, String> errors) {
    }

    private final NotificationAdmin notifications;
    private final UserLanguage language;
    private final PageRenderer renderer;
    private final Flash flash;

    public AccountController(NotificationAdmin notifications, UserLanguage language, PageRenderer renderer,
            Flash flash) {
        this.notifications = notifications;
        this.language = language;
        this.renderer = renderer;
        this.flash = flash;
    }

    public void register(Routes routes) {
        routes.get("/account", Access.VIEWER, this::show);
        routes.post("/account", Access.VIEWER, this::save);
        routes.post("/account/language", Access.VIEWER, this::saveLanguage);
    }

    private void show(Context ctx) {
        renderer.render(ctx, 200, "notify/account", storedPage(Principal.require(ctx).user().id(), Map.of()));
    }

    private AccountPage storedPage(long userId, Map<String, String> errors) {
        Optional<Recipient> current = notifications.preferences(userId);
        return new AccountPage(current.map(Recipient::email).orElse(""), current.map(Recipient::optedOut).orElse(false),
                language.of(userId).orElse(""), UserLanguage.SUPPORTED, errors);
    }

    private void saveLanguage(Context ctx) {
        long userId = Principal.require(ctx).user().id();
        String chosen = Optional.ofNullable(ctx.formParam("language")).orElse("");
        try {
            language.choose(Principal.actor(ctx), userId, chosen);
            flash.set(ctx, "account.language.saved");
            ctx.redirect("/account", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            renderer.render(ctx, 422, "notify/account", storedPage(userId, renderer.errors(ctx, e)));
        }
    }

    private void save(Context ctx) {
        String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
        boolean optedOut = ctx.formParam("optOut") != null;
        try {
            notifications.savePreferences(Principal.actor(ctx), Principal.require(ctx).user().id(), email, optedOut);
            flash.set(ctx, "account.saved");
            ctx.redirect("/account", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            renderer.render(ctx, 422, "notify/account", new AccountPage(email, optedOut,
                    language.of(Principal.require(ctx).user().id()).orElse(""), UserLanguage.SUPPORTED,
                    renderer.errors(ctx, e)));
        }
    }
}
