package com.fleetprovisioner.web.users;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.auth.User;
import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.ConfirmPage;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Admin page: create users, change roles, disable (ending their sessions) and reset passwords. */
public final class UsersController {
    public record NewUserForm(String username, String role) {
    }

    public record UsersPage(List<User> users, List<String> roles, long currentUserId, NewUserForm form,
            Map<String, String> errors) {
    }

    private final UserService users;
    private final PageRenderer renderer;
    private final Flash flash;

    public UsersController(UserService users, PageRenderer renderer, Flash flash) {
        this.users = users;
        this.renderer = renderer;
        this.flash = flash;
    }

    public void register(Routes routes) {
        routes.get("/admin/users", Access.ADMIN, this::list);
        routes.post("/admin/users", Access.ADMIN, this::create);
        routes.post("/admin/users/{id}/role", Access.ADMIN, this::changeRole);
        routes.get("/admin/users/{id}/disable", Access.ADMIN, this::confirmDisable);
        routes.post("/admin/users/{id}/enabled", Access.ADMIN, this::setEnabled);
        routes.post("/admin/users/{id}/password", Access.ADMIN, this::resetPassword);
    }

    private void list(Context ctx) {
        show(ctx, 200, new NewUserForm("", Role.OPERATOR.id()), Map.of());
    }

    private void create(Context ctx) {
        NewUserForm form = new NewUserForm(param(ctx, "username"), param(ctx, "role"));
        try {
            User user = users.create(Principal.actor(ctx), form.username(), Role.parse(form.role()), param(ctx, "password"));
            flash.set(ctx, "users.flash.created", user.username(), user.role().id());
            ctx.redirect("/admin/users", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            show(ctx, 422, form, renderer.errors(ctx, e));
        }
    }

    private void changeRole(Context ctx) {
        long id = userId(ctx);
        applyAndRedirect(ctx, () -> users.changeRole(Principal.actor(ctx), id, Role.parse(param(ctx, "role"))),
                "users.flash.roleChanged");
    }

    /** Disabling signs the person out at once: asked first. Your own account is not offered. */
    private void confirmDisable(Context ctx) {
        long id = userId(ctx);
        User user = users.get(id);
        renderer.render(ctx, "confirm/confirm", new ConfirmPage("confirm.disable.title", List.of(user.username()),
                "confirm.disable.consequence", List.of(user.username()), "/admin/users/" + id + "/enabled",
                Map.of("enabled", "false"), "confirm.disable.button", List.of(user.username()), true, "/admin/users",
                "confirm.disable.back"));
    }

    private void setEnabled(Context ctx) {
        long id = userId(ctx);
        boolean enabled = Boolean.parseBoolean(param(ctx, "enabled"));
        if (!enabled && !ConfirmPage.confirmed(ctx)) {
            ctx.redirect("/admin/users/" + id + "/disable", HttpStatus.SEE_OTHER);
            return;
        }
        applyAndRedirect(ctx, () -> users.setEnabled(Principal.actor(ctx), id, enabled),
                enabled ? "users.flash.enabled" : "users.flash.disabled");
    }

    private void resetPassword(Context ctx) {
        long id = userId(ctx);
        applyAndRedirect(ctx, () -> users.resetPassword(Principal.actor(ctx), id, param(ctx, "password")),
                "users.flash.passwordReset");
    }

    /** Row actions answer with a redirect either way; a refusal (last admin, short password) becomes the flash. */
    private void applyAndRedirect(Context ctx, Runnable action, String successKey) {
        try {
            action.run();
            flash.set(ctx, successKey);
        } catch (ValidationException e) {
            flash.text(ctx, e.first());
        }
        ctx.redirect("/admin/users", HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, int status, NewUserForm form, Map<String, String> errors) {
        List<String> roles = Arrays.stream(Role.values()).map(Role::id).toList();
        renderer.render(ctx, status, "users/list",
                new UsersPage(users.list(), roles, Principal.require(ctx).user().id(), form, errors));
    }

    private static long userId(Context ctx) {
        return ctx.pathParamAsClass("id", Long.class).get();
    }

    private static String param(Context ctx, String name) {
        return Optional.ofNullable(ctx.formParam(name)).orElse("");
    }
}
