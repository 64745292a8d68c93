package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.history.DeviceHistory;
import com.fleetprovisioner.core.intake.BatchListing;
import com.fleetprovisioner.core.intake.BatchSummary;
import com.fleetprovisioner.core.provisioning.BatchControlService;
import com.fleetprovisioner.core.provisioning.BatchProgress;
import com.fleetprovisioner.core.provisioning.DeviceRepository;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.ConfirmPage;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.ShownTime;
import com.fleetprovisioner.web.render.Texts;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

/**
 * A submitted batch: progress split by outcome, its devices, and the operator's controls over it. The
 * page follows the batch by itself: app.js reads the page again every two seconds and copies the values
 * marked {@code data-live} into it in place, never replacing a control. Bulk and billable actions ask
 * first on a page of their own ({@link ConfirmPage}).
 */
public final class BatchController {
    /** Hours, minutes and seconds need no words in any language; app.js writes the same form. */
    public static String eta(Optional<Duration> eta) {
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
        }, "batch.flash.paused"));
        routes.post("/batches/{id}/resume", Access.OPERATOR, ctx -> act(ctx, id -> {
            control.resume(Principal.actor(ctx), id);
            return -1;
        }, "batch.flash.resumed"));
        routes.get("/batches/{id}/cancel", Access.OPERATOR, ctx -> confirm(ctx, Bulk.CANCEL));
        routes.post("/batches/{id}/cancel", Access.OPERATOR, ctx -> confirmed(ctx, Bulk.CANCEL,
                id -> control.cancel(Principal.actor(ctx), id), "batch.flash.cancelled"));
        routes.get("/batches/{id}/requeue-failed", Access.OPERATOR, ctx -> confirm(ctx, Bulk.REQUEUE_FAILED));
        routes.post("/batches/{id}/requeue-failed", Access.OPERATOR, ctx -> confirmed(ctx, Bulk.REQUEUE_FAILED,
                id -> control.requeueFailed(Principal.actor(ctx), id), "batch.flash.requeuedFailed"));
        routes.get("/batches/{id}/requeue-cancelled", Access.OPERATOR, ctx -> confirm(ctx, Bulk.REQUEUE_CANCELLED));
        routes.post("/batches/{id}/requeue-cancelled", Access.OPERATOR, ctx -> confirmed(ctx, Bulk.REQUEUE_CANCELLED,
                id -> control.requeueCancelled(Principal.actor(ctx), id), "batch.flash.requeuedCancelled"));
        routes.post("/batches/{id}/requeue-selected", Access.OPERATOR, this::requeueSelected);
    }

    /** The bulk actions that ask first: how many devices each touches, and what the page says. */
    enum Bulk {
        CANCEL("cancel", true) {
            long count(BatchProgress p) {
                return p.count(DeviceState.QUEUED) + p.count(DeviceState.RETRYING);
            }
        },
        REQUEUE_FAILED("requeueFailed", false) {
            long count(BatchProgress p) {
                return p.count(DeviceState.FAILED);
            }
        },
        REQUEUE_CANCELLED("requeueCancelled", false) {
            long count(BatchProgress p) {
                return p.count(DeviceState.CANCELLED);
            }
        };

        private final String key;
        private final boolean destructive;

        Bulk(String key, boolean destructive) {
            this.key = key;
            this.destructive = destructive;
        }

        abstract long count(BatchProgress p);

        ConfirmPage page(BatchProgress p, String path) {
            long n = count(p);
            long id = p.batchId();
            return new ConfirmPage("confirm." + key + ".title", List.of(id), "confirm." + key + ".consequence",
                    List.of(n, p.count(DeviceState.SENDING)), path, Map.of(), "confirm." + key + ".button", List.of(n),
                    destructive, "/batches/" + id, "confirm." + key + ".back");
        }
    }

    private void confirm(Context ctx, Bulk bulk) {
        BatchProgress p = progress(ctx);
        if (bulk == Bulk.CANCEL && p.state() != Batch.State.SUBMITTED && p.state() != Batch.State.SENDING) {
            flash.set(ctx, "batch.flash.nothingToCancel", String.valueOf(p.batchId()),
                    new Flash.Key("batchState." + p.state().id()));
            ctx.redirect("/batches/" + p.batchId(), HttpStatus.SEE_OTHER);
            return;
        }
        renderer.render(ctx, "confirm/confirm", bulk.page(p, ctx.path()));
    }

    /** A form sent without the confirmation page's {@code confirm=yes} gets that page instead. */
    private void confirmed(Context ctx, Bulk bulk, ToIntFunction<Long> action, String messageKey) {
        if (!ConfirmPage.confirmed(ctx)) {
            ctx.redirect(ctx.path(), HttpStatus.SEE_OTHER);
            return;
        }
        act(ctx, action, messageKey);
    }

    /**
     * The ticked devices are sent again only from the confirmation page, which states how many of them
     * are failed or cancelled (the others stay as they are) and carries the selection as one field.
     */
    private void requeueSelected(Context ctx) {
        if (ConfirmPage.confirmed(ctx)) {
            List<Long> chosen = ids(Optional.ofNullable(ctx.formParam(SELECTION)).orElse("").split(","));
            act(ctx, id -> control.requeueSelected(Principal.actor(ctx), id, chosen), "batch.flash.requeuedSelected");
            return;
        }
        long id = ctx.pathParamAsClass("id", Long.class).get();
        List<Long> chosen = ids(ctx.formParams("device").toArray(String[]::new));
        int count;
        try {
            count = control.requeueable(id, chosen);
        } catch (ValidationException refused) {
            flash.text(ctx, refused.first());
            ctx.redirect("/batches/" + id, HttpStatus.SEE_OTHER);
            return;
        }
        if (count == 0) {
            back(ctx, id, "batch.flash.nothingRequeued");
            return;
        }
        renderer.render(ctx, "confirm/confirm", new ConfirmPage("confirm.requeueSelected.title", List.of(id),
                "confirm.requeueSelected.consequence", List.of(count, chosen.size() - count), ctx.path(),
                Map.of(SELECTION, chosen.stream().map(String::valueOf).collect(Collectors.joining(","))),
                "confirm.requeueSelected.button", List.of(count), false, "/batches/" + id, "confirm.requeueSelected.back"));
    }

    private void show(Context ctx) {
        BatchProgress progress = progress(ctx);
        long done = progress.total() - progress.remaining();
        int percent = progress.total() == 0 ? 100 : (int) (done * 100 / progress.total());
        boolean operator = Principal.require(ctx).user().role().includes(Role.OPERATOR);
        BatchSummary summary = listing.summary(progress.batchId(), progress.counts())
                .orElseThrow(() -> new NotFoundException("notFound.batch", progress.batchId()));
        UserZone zone = UserZone.of(ctx);
        BatchDevicePage shown = BatchDevicePage.load(history, progress.batchId(), Optional.ofNullable(ctx.queryParam("after")),
                Optional.ofNullable(ctx.queryParam("before")), zone, t -> Texts.render(t, renderer.locale(ctx), zone));
        renderer.render(ctx, "batches/show", new BatchPage(progress, done, percent, SplitBar.of(progress.counts()), shown,
                BatchPage.Controls.of(progress, operator), List.of(DeviceState.values()), summary,
                progress.submittedAt().map(t -> ShownTime.of(t, zone)), progress.endedAt().map(t -> ShownTime.of(t, zone)),
                eta(progress.eta()), !progress.ended(), percent / 25 * 25, zone));
    }

    private void act(Context ctx, ToIntFunction<Long> action, String messageKey) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        try {
            int count = action.applyAsInt(id);
            if (count < 0) {
                flash.set(ctx, messageKey);
            } else {
                flash.set(ctx, messageKey, count);
            }
        } catch (ValidationException refused) {
            flash.text(ctx, refused.first());
        }
        ctx.redirect("/batches/" + id, HttpStatus.SEE_OTHER);
    }

    private void back(Context ctx, long id, String messageKey) {
        flash.set(ctx, messageKey);
        ctx.redirect("/batches/" + id, HttpStatus.SEE_OTHER);
    }

    private BatchProgress progress(Context ctx) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        return devices.batchProgress(id, clock.instant())
                .orElseThrow(() -> new NotFoundException("notFound.batch", id));
    }

    /** The confirmation page's field holding the chosen device ids, comma-separated. */
    private static final String SELECTION = "devices";

    private static List<Long> ids(String[] values) {
        return Arrays.stream(values).map(String::strip).filter(v -> v.matches("\\d{1,18}")).map(Long::valueOf)
                .distinct().toList();
    }
}
