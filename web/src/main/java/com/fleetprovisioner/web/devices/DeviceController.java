package com.fleetprovisioner.web.devices;

import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.provisioning.BatchControlService;
import com.fleetprovisioner.core.provisioning.DeviceDetail;
import com.fleetprovisioner.core.provisioning.DeviceRepository;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The device page: state, billing start, the full history, and requeue for operators. */
public final class DeviceController {
    private final BatchControlService control;
    private final DeviceRepository devices;
    private final PageRenderer renderer;
    private final Flash flash;

    public DeviceController(BatchControlService control, DeviceRepository devices, PageRenderer renderer, Flash flash) {
        this.control = control;
        this.devices = devices;
        this.renderer = renderer;
        this.flash = flash;
    }

    public void register(Routes routes) {
        routes.get("/devices/{providerId}", Access.VIEWER, this::show);
        routes.post("/devices/{providerId}/requeue", Access.OPERATOR, this::requeue);
    }

    private void show(Context ctx) {
        DeviceDetail device = find(ctx.pathParam("providerId"));
        boolean operator = Principal.require(ctx).user().role().includes(com.fleetprovisioner.core.auth.Role.OPERATOR);
        boolean requeueable = device.state() == DeviceState.FAILED || device.state() == DeviceState.CANCELLED;
        renderer.render(ctx, "devices/show", DevicePage.of(device, operator && requeueable));
    }

    private void requeue(Context ctx) {
        DeviceDetail device = find(ctx.pathParam("providerId"));
        try {
            control.requeueDevice(Principal.actor(ctx), device.id());
            flash.set(ctx, "Device " + device.providerId() + " requeued.");
        } catch (ValidationException e) {
            flash.set(ctx, String.join(" ", e.fieldErrors().values()));
        }
        ctx.redirect("/devices/" + URLEncoder.encode(device.providerId(), StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }

    private DeviceDetail find(String providerId) {
        return devices.findByProviderId(providerId)
                .orElseThrow(() -> new NotFoundException("No device with provider id " + providerId));
    }
}
