package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.history.DeviceHistory;
import com.fleetprovisioner.core.intake.BatchListing;
import com.fleetprovisioner.core.intake.BatchSummary;
import com.fleetprovisioner.core.provisioning.BatchControlService;
import com.fleetprovisioner.core.provisioning.BatchProgress;
import com.fleetprovisioner.core.provisioning.DeviceRepository;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.ShownTime;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * A submitted batch: progress per state (refreshed in place by a few lines of JS, and on reload
 * without it), its devices, and the operator's controls over it.
 */
public final class BatchController {
    /**
     * {@code summary}: the batch's file, creator and preview totals (for the problems download);
     * {@code eta}: the time left as h:mm:ss, or a dash when nothing moves.
     */
    public record BatchPage(BatchProgress progress, long done, int percent, BatchDevicePage devices, boolean canOperate, List<DeviceState> states, BatchSummary summary,
            Optional<ShownTime> submitted, String eta, UserZone zone) {
    }

    /** Hours, minutes and seconds need no words in any language; app.js writes the same form. */
    static String eta(Optional<Duration> eta) {
        if (eta.isEmpty()) {
            return "—";
        }
        long seconds = eta.get().toSeconds();
        return String.format(java.util.Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }

    private final BatchControlService control;
    private final BatchListing listing;
    private final DeviceRepository devices;
    private final DeviceHistory history;
    private final PageRenderer renderer;
    private final Flash flash;
    private final Clock clock;

    public BatchController(BatchControlService control, BatchListing listing, DeviceRepository devices,
            DeviceHistory history, PageRenderer renderer, Flash flash, Clock clock) {
        this.control = control;
        this.listing = listing;
        this.devices = devices;
        this.history = history;
        this.renderer = renderer;
        this.flash = flash;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.get("/batches/{id}", Access.VIEWER, this::show);
        routes.get("/batches/{id}/progress", Access.VIEWER, ctx -> ctx.json(BatchControlApi.BatchJson.of(progress(ctx))));
        routes.post("/batches/{id}/pause", Access.OPERATOR, ctx -> act(ctx, id -> {
            control.pause(Principal.actor(ctx), id);
            return -1;
        }, "Batch paused: no new device is sent; devices in flight finish."));
        routes.post("/batches/{id}/resume", Access.OPERATOR, ctx -> act(ctx, id -> {
            control.resume(Principal.actor(ctx), id);
            return -1;
        }, "Batch resumed."));
        routes.post("/batches/{id}/cancel", Access.OPERATOR,
                ctx -> act(ctx, id -> control.cancel(Principal.actor(ctx), id), "%d device(s) cancelled; they will never be sent."));
        routes.post("/batches/{id}/requeue-failed", Access.OPERATOR,
                ctx -> act(ctx, id -> control.requeueFailed(Principal.actor(ctx), id), "%d failed device(s) requeued."));
        routes.post("/batches/{id}/requeue-selected", Access.OPERATOR, ctx -> act(ctx,
                id -> control.requeueSelected(Principal.actor(ctx), id, selected(ctx)), "%d selected device(s) requeued."));
    }

    private void show(Context ctx) {
        BatchProgress progress = progress(ctx);
        long done = progress.total() - progress.remaining();
        int percent = progress.total() == 0 ? 100 : (int) (done * 100 / progress.total());
        boolean operator = Principal.require(ctx).user().role().includes(Role.OPERATOR);
        BatchSummary summary = listing.summary(progress.batchId(), progress.counts())
                .orElseThrow(() -> new NotFoundException("No batch " + progress.batchId()));
        UserZone zone = UserZone.of(ctx);
        BatchDevicePage shown = BatchDevicePage.load(history, progress.batchId(), Optional.ofNullable(ctx.queryParam("after")),
                Optional.ofNullable(ctx.queryParam("before")), zone);
        renderer.render(ctx, "batches/show", new BatchPage(progress, done, percent, shown, operator, List.of(DeviceState.values()), summary, progress.submittedAt().map(t -> ShownTime.of(t, zone)),
                eta(progress.eta()), zone));
    }

    private void act(Context ctx, ToIntFunction<Long> action, String message) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        int count = action.applyAsInt(id);
        flash.set(ctx, count < 0 ? message : String.format(message, count));
        ctx.redirect("/batches/" + id, HttpStatus.SEE_OTHER);
    }

    private BatchProgress progress(Context ctx) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        return devices.batchProgress(id, clock.instant())
                .orElseThrow(() -> new NotFoundException("No batch " + id));
    }

    private static List<Long> selected(Context ctx) {
        return ctx.formParams("device").stream().filter(v -> v.matches("\\d{1,18}")).map(Long::valueOf).toList();
    }
}
