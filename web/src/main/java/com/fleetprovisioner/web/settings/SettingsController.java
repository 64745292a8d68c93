package com.fleetprovisioner.web.settings;

import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.settings.ConnectionCheck;
import com.fleetprovisioner.core.settings.SettingKey;
import com.fleetprovisioner.core.settings.Settings;
import com.fleetprovisioner.core.settings.SettingsForm;
import com.fleetprovisioner.core.settings.SettingsService;
import com.fleetprovisioner.core.settings.SettingsView;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.pickers.Picker;
import com.fleetprovisioner.web.pickers.Pickers;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Admin page: the Fleet Freedom endpoint and account, the default company, pacing and retry policy, and
 * the SMTP server for notification emails.
 * Saving follows POST → redirect → GET; a refused save shows the form again (422) with the values as
 * typed, never the password. "Test connection" logs in with the typed values and saves nothing.
 */
public final class SettingsController {
    public static final Duration TEST_TIMEOUT = Duration.ofSeconds(10);

    /**
     * @param values what the inputs show (the password input is always empty)
     * @param test   the outcome of "Test connection", on the page that answers it
     * @param companies the default company, picked from the account's companies
     */
    public record SettingsPage(SettingsView view, Map<String, String> values, boolean simulatorChecked,
            Map<String, String> errors, Optional<ConnectionCheck.Result> test, Picker companies, UserZone zone) {
    }

    private final SettingsService settings;
    private final ConnectionCheck check;
    private final PageRenderer renderer;
    private final Flash flash;
    private final Pickers pickers;

    public SettingsController(SettingsService settings, ConnectionCheck check, PageRenderer renderer, Flash flash,
            Pickers pickers) {
        this.pickers = pickers;
        this.settings = settings;
        this.check = check;
        this.renderer = renderer;
        this.flash = flash;
    }

    public void register(Routes routes) {
        routes.get("/settings", Access.ADMIN, this::show);
        routes.post("/settings", Access.ADMIN, this::save);
        routes.post("/settings/test", Access.ADMIN, this::test);
    }

    private void show(Context ctx) {
        SettingsView view = settings.view();
        Map<String, String> values = new HashMap<>();
        view.fields().forEach(f -> values.put(f.name(), f.value()));
        render(ctx, 200, view, values, "true".equals(view.field(SettingKey.SIMULATOR).value()), Map.of(),
                Optional.empty());
    }

    private void save(Context ctx) {
        SettingsForm form = form(ctx);
        try {
            List<String> changed = settings.save(Principal.actor(ctx), form);
            if (!changed.isEmpty()) {
                pickers.directory().refresh(); // another endpoint or account lists other companies
            }
            if (changed.isEmpty()) {
                flash.set(ctx, "settings.flash.unchanged");
            } else {
                flash.set(ctx, "settings.flash.saved", String.join(", ", changed));
            }
            ctx.redirect("/settings", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            render(ctx, 422, settings.view(), typed(form), checked(ctx), renderer.errors(ctx, e), Optional.empty());
        }
    }

    private void test(Context ctx) {
        SettingsForm form = form(ctx);
        try {
            Settings proposed = settings.proposed(form);
            ConnectionCheck.Result result = check.check(proposed, settings.current().endpoint());
            settings.auditTest(Principal.actor(ctx), proposed, result.summary());
            render(ctx, 200, settings.view(), typed(form), checked(ctx), Map.of(), Optional.of(result));
        } catch (ValidationException e) {
            render(ctx, 422, settings.view(), typed(form), checked(ctx), renderer.errors(ctx, e), Optional.empty());
        }
    }

    private void render(Context ctx, int status, SettingsView view, Map<String, String> values, boolean simulator,
            Map<String, String> errors, Optional<ConnectionCheck.Result> test) {
        Picker companies = pickers.companies(values.getOrDefault(SettingKey.DEFAULT_COMPANY.field(), ""));
        renderer.render(ctx, status, "settings/edit", new SettingsPage(view, values, simulator, errors, test, companies,
                UserZone.of(ctx)));
    }

    private static SettingsForm form(Context ctx) {
        Map<SettingKey, String> values = new EnumMap<>(SettingKey.class);
        Set<SettingKey> revert = new HashSet<>();
        List<String> reverted = ctx.formParams("revert");
        for (SettingKey key : SettingKey.values()) {
            if (key == SettingKey.SIMULATOR) {
                values.put(key, Boolean.toString(checked(ctx)));
            } else if (key == SettingKey.SMTP_STARTTLS) {
                // a check box sends nothing when clear: read it only when its section was posted
                if (ctx.formParam(SettingKey.SMTP_HOST.field()) != null) {
                    values.put(key, Boolean.toString("true".equals(ctx.formParam(key.field()))));
                }
            } else if (ctx.formParam(key.field()) != null) {
                values.put(key, ctx.formParam(key.field()));
            }
            if (reverted.contains(key.field())) {
                revert.add(key);
            }
        }
        return new SettingsForm(values, revert, "true".equals(ctx.formParam("confirmSameAccount")));
    }

    private static boolean checked(Context ctx) {
        return "true".equals(ctx.formParam(SettingKey.SIMULATOR.field()));
    }

    /** The values as typed, for the form shown again; the password is never echoed. */
    private static Map<String, String> typed(SettingsForm form) {
        Map<String, String> out = new HashMap<>();
        form.values().forEach((key, value) -> out.put(key.field(), key.secret() ? "" : value));
        return out;
    }
}
