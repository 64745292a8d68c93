package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.core.intake.SubmitService;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.pickers.Picker;
import com.fleetprovisioner.web.pickers.Pickers;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One device typed in: the rules of a file row, each message beside its field, queued on success. Company,
 * kind and configuration are picked by name when Fleet Freedom's lists can be had (see {@link Pickers});
 * the company starts as the settings' default. "Load configurations" (for browsers without JavaScript) shows
 * the form again with the chosen company's configurations, queueing nothing.
 */
public final class DeviceFormController {
    /** The form; {@code values} never holds the password (it is not sent back to the browser). */
    public record DevicePage(Picker kinds, Picker companies, Picker configurations, Map<String, String> values,
            Map<String, String> errors) {
    }

    private final SubmitService submissions;
    private final Pickers pickers;
    private final Supplier<Optional<Long>> defaultCompany;
    private final PageRenderer renderer;
    private final Flash flash;

    /** @param defaultCompany the settings' default company: an empty form starts with it */
    public DeviceFormController(SubmitService submissions, Pickers pickers, Supplier<Optional<Long>> defaultCompany,
            PageRenderer renderer, Flash flash) {
        this.submissions = submissions;
        this.pickers = pickers;
        this.defaultCompany = defaultCompany;
        this.renderer = renderer;
        this.flash = flash;
    }

    public void register(Routes routes) {
        routes.get("/devices/new", Access.OPERATOR, ctx -> show(ctx, 200,
                Map.of(DeviceField.COMPANY.key(), defaultCompany.get().map(String::valueOf).orElse("")), Map.of()));
        routes.post("/devices/new", Access.OPERATOR, this::add);
    }

    private void add(Context ctx) {
        Map<DeviceField, String> input = new EnumMap<>(DeviceField.class);
        Map<String, String> shown = new HashMap<>();
        for (DeviceField field : DeviceField.values()) {
            String value = ctx.formParam(field.key());
            input.put(field, value == null ? "" : value);
            if (field != DeviceField.PASSWORD) {
                shown.put(field.key(), value == null ? "" : value);
            }
        }
        if ("configurations".equals(ctx.formParam("load"))) {
            show(ctx, 200, shown, Map.of());
            return;
        }
        try {
            SubmitService.SingleResult result = submissions.addSingle(Principal.actor(ctx), input,
                    "true".equals(ctx.formParam("acknowledgeWarnings")), Batch.Source.SINGLE);
            flash.set(ctx, "intake.flash.deviceQueued", result.providerId(), String.valueOf(result.batchId()));
            ctx.redirect("/devices/new", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            show(ctx, 422, shown, renderer.errors(ctx, e));
        }
    }

    private void show(Context ctx, int status, Map<String, String> values, Map<String, String> errors) {
        String company = values.getOrDefault(DeviceField.COMPANY.key(), "");
        renderer.render(ctx, status, "batches/device", new DevicePage(
                pickers.kinds(values.getOrDefault(DeviceField.KIND.key(), "")), pickers.companies(company),
                pickers.configurations(company, values.getOrDefault(DeviceField.CONFIG.key(), "")), values, errors));
    }
}
