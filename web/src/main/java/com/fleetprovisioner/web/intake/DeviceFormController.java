package com.fleetprovisioner.web.intake;

import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.core.intake.DeviceKinds;
import com.fleetprovisioner.core.intake.SubmitService;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One device typed in: the rules of a file row, each message beside its field, queued on success. */
public final class DeviceFormController {
    /** The form; {@code values} never holds the password (it is not sent back to the browser). */
    public record DevicePage(List<String> kinds, Map<String, String> values, Map<String, String> errors) {
    }

    private final SubmitService submissions;
    private final PageRenderer renderer;
    private final Flash flash;

    public DeviceFormController(SubmitService submissions, PageRenderer renderer, Flash flash) {
        this.submissions = submissions;
        this.renderer = renderer;
        this.flash = flash;
    }

    public void register(Routes routes) {
        routes.get("/devices/new", Access.OPERATOR, ctx -> show(ctx, 200, Map.of(), Map.of()));
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
        try {
            SubmitService.SingleResult result = submissions.addSingle(Principal.actor(ctx), input,
                    "true".equals(ctx.formParam("acknowledgeWarnings")), Batch.Source.SINGLE);
            flash.set(ctx, "Device " + result.providerId() + " queued for provisioning (batch " + result.batchId() + ").");
            ctx.redirect("/devices/new", HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            show(ctx, 422, shown, e.fieldErrors());
        }
    }

    private void show(Context ctx, int status, Map<String, String> values, Map<String, String> errors) {
        renderer.render(ctx, status, "intake/device", new DevicePage(DeviceKinds.ACTIVE, values, errors));
    }
}
