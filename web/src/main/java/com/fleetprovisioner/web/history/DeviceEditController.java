package com.fleetprovisioner.web.history;

import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.history.DeviceHistory;
import com.fleetprovisioner.core.history.DeviceRecord;
import com.fleetprovisioner.core.intake.CorrectionService;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.core.intake.DeviceKinds;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.Texts;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** "Edit and requeue" on a failed or cancelled device's page: its fields behind the error, validated like intake. */
public final class DeviceEditController {
    /** {@code values} never holds the password: it is write-only. */
    public record EditPage(DeviceRecord device, List<String> kinds, Map<String, String> values,
            Map<String, String> errors, String lastError) {
    }

    private final DeviceHistory history;
    private final CorrectionService corrections;
    private final PageRenderer renderer;
    private final Flash flash;

    public DeviceEditController(DeviceHistory history, CorrectionService corrections, PageRenderer renderer,
            Flash flash) {
        this.history = history;
        this.corrections = corrections;
        this.renderer = renderer;
        this.flash = flash;
    }

    public void register(Routes routes) {
        routes.get("/history/{providerId}/edit", Access.OPERATOR, this::show);
        routes.post("/history/{providerId}/edit", Access.OPERATOR, this::save);
    }

    private void show(Context ctx) {
        DeviceRecord device = find(ctx.pathParam("providerId"));
        if (!CorrectionService.correctable(device.state(), device.outcomeUnknown())) {
            ctx.redirect(devicePath(device), HttpStatus.SEE_OTHER);
            return;
        }
        Map<String, String> values = new HashMap<>();
        values.put(DeviceField.KIND.key(), device.kind());
        values.put(DeviceField.COMPANY.key(), Long.toString(device.companyId()));
        values.put(DeviceField.PHONE.key(), device.phoneNumber().orElse(""));
        render(ctx, 200, device, values, Map.of());
    }

    private void save(Context ctx) {
        DeviceRecord device = find(ctx.pathParam("providerId"));
        Map<DeviceField, String> input = new EnumMap<>(DeviceField.class);
        Map<String, String> shown = new HashMap<>();
        for (DeviceField field : CorrectionService.EDITABLE) {
            String value = ctx.formParam(field.key());
            input.put(field, value == null ? "" : value);
            if (field != DeviceField.PASSWORD) {
                shown.put(field.key(), value == null ? "" : value);
            }
        }
        try {
            corrections.editAndRequeue(Principal.actor(ctx), device.providerId(), input);
            flash.set(ctx, "history.flash.edited", device.providerId());
            ctx.redirect(devicePath(device), HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            render(ctx, 422, device, shown, renderer.errors(ctx, e));
        }
    }

    private void render(Context ctx, int status, DeviceRecord device, Map<String, String> values,
            Map<String, String> errors) {
        renderer.render(ctx, status, "history/edit", new EditPage(device, DeviceKinds.ACTIVE, values, errors,
                device.lastErrorMessage().map(t -> Texts.render(t, renderer.locale(ctx), UserZone.of(ctx))).orElse("")));
    }

    private DeviceRecord find(String providerId) {
        return history.find(providerId)
                .orElseThrow(() -> new NotFoundException("notFound.submitted", providerId));
    }

    private static String devicePath(DeviceRecord device) {
        return "/history/" + URLEncoder.encode(device.providerId(), StandardCharsets.UTF_8);
    }
}
