package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.provisioning.BatchControlService;
import com.fleetprovisioner.core.provisioning.BatchProgress;
import com.fleetprovisioner.core.provisioning.DeviceRepository;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** REST: a batch's progress, and the operator controls over a running batch. */
public final class BatchControlApi {
    /**
     * Counts by state id; {@code perSecond} over the batch's recent progress; {@code etaSeconds} null when
     * nothing moves; {@code endedAt} null until the batch ended (completed, with failures, or cancelled and
     * nothing in flight); {@code batchesAhead}/{@code devicesAhead}: the work it waits behind.
     */
    public record BatchJson(long id, String state, boolean paused, long total, long remaining,
            Map<String, Long> counts, double perSecond, Long etaSeconds, String submittedAt, String endedAt,
            long failures, long batchesAhead, long devicesAhead) {
        static BatchJson of(BatchProgress p) {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (DeviceState s : DeviceState.values()) {
                counts.put(s.id(), p.counts().getOrDefault(s, 0L));
            }
            return new BatchJson(p.batchId(), p.state().id(), p.paused(), p.total(), p.remaining(), counts,
                    Math.round(p.perSecond() * 100) / 100.0, p.eta().map(d -> d.toSeconds()).orElse(null),
                    p.submittedAt().map(Object::toString).orElse(null), p.endedAt().map(Object::toString).orElse(null),
                    p.failures(), p.ahead().batches(), p.ahead().devices());
        }
    }

    private final BatchControlService control;
    private final DeviceRepository devices;
    private final Clock clock;

    public BatchControlApi(BatchControlService control, DeviceRepository devices, Clock clock) {
        this.control = control;
        this.devices = devices;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.get("/api/v1/batches/{id}", Access.VIEWER, this::show);
        routes.post("/api/v1/batches/{id}/pause", Access.OPERATOR, ctx -> {
            control.pause(Principal.actor(ctx), id(ctx));
            show(ctx);
        });
        routes.post("/api/v1/batches/{id}/resume", Access.OPERATOR, ctx -> {
            control.resume(Principal.actor(ctx), id(ctx));
            show(ctx);
        });
        routes.post("/api/v1/batches/{id}/cancel", Access.OPERATOR, ctx -> {
            int cancelled = control.cancel(Principal.actor(ctx), id(ctx));
            ctx.json(Map.of("cancelled", cancelled, "batch", progress(id(ctx))));
        });
        routes.post("/api/v1/batches/{id}/requeue-failed", Access.OPERATOR, ctx -> {
            int requeued = control.requeueFailed(Principal.actor(ctx), id(ctx));
            ctx.json(Map.of("requeued", requeued, "batch", progress(id(ctx))));
        });
        routes.post("/api/v1/batches/{id}/requeue-cancelled", Access.OPERATOR, ctx -> {
            int requeued = control.requeueCancelled(Principal.actor(ctx), id(ctx));
            ctx.json(Map.of("requeued", requeued, "batch", progress(id(ctx))));
        });
    }

    private void show(Context ctx) {
        ctx.json(progress(id(ctx)));
    }

    private BatchJson progress(long id) {
        return devices.batchProgress(id, clock.instant()).map(BatchJson::of)
                .orElseThrow(() -> new NotFoundException("notFound.batch", id));
    }

    static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ValidationException.of("id", "api.error.batchId");
        }
    }
}
