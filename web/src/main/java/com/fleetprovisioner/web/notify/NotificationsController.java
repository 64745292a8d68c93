package com.fleetprovisioner.web.notify;

import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.notify.Delivery;
import com.fleetprovisioner.core.notify.NotificationAdmin;
import com.fleetprovisioner.core.notify.NotificationAdmin.CreatedWebhook;
import com.fleetprovisioner.core.notify.Webhook;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;

/** Admins' Notifications page: the webhooks (signing secret shown once, at creation) and the delivery log. */
public final class NotificationsController {
    public record NotificationsPage(List<Webhook> webhooks, List<Delivery> deliveries, Map<String, String> form,
            Map<String, String> errors, UserZone zone) {
    }

    /** Rendered once, right after creation: the only time the secret is shown. */
    public record CreatedPage(long id, String name, String secret) {
    }

    private final NotificationAdmin notifications;
    private final PageRenderer renderer;
    private final Flash flash;

    public NotificationsController(NotificationAdmin notifications, PageRenderer renderer, Flash flash) {
        this.notifications = notifications;
        this.renderer = renderer;
        this.flash = flash;
    }

    public void register(Routes routes) {
        routes.get("/admin/notifications", Access.ADMIN, ctx -> show(ctx, 200, Map.of(), Map.of()));
        routes.post("/admin/notifications/webhooks", Access.ADMIN, this::create);
        routes.post("/admin/notifications/webhooks/{id}/remove", Access.ADMIN, this::remove);
    }

    private void create(Context ctx) {
        String name = value(ctx, "name");
        String url = value(ctx, "url");
        try {
            CreatedWebhook created = notifications.addWebhook(Principal.actor(ctx), Principal.require(ctx).user().id(),
                    name, url);
            // rendered, not redirected: the secret must not travel in a cookie or a URL
            renderer.render(ctx, 201, "notify/created", new CreatedPage(created.id(), name.strip(), created.secret()));
        } catch (ValidationException e) {
            show(ctx, 422, Map.of("name", name, "url", url), renderer.errors(ctx, e));
        }
    }

    private void remove(Context ctx) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        notifications.removeWebhook(Principal.actor(ctx), id);
        flash.set(ctx, "notify.flash.webhookRemoved");
        ctx.redirect("/admin/notifications", HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, int status, Map<String, String> form, Map<String, String> errors) {
        renderer.render(ctx, status, "notify/list", new NotificationsPage(notifications.webhooks(),
                notifications.deliveries(), form, errors, UserZone.of(ctx)));
    }

    private static String value(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value;
    }
}
