package com.fleetprovisioner.web.pipeline;

import com.fleetprovisioner.core.provisioning.BatchControlService;
import com.fleetprovisioner.core.provisioning.PipelineState;
import com.fleetprovisioner.core.provisioning.PipelineStatus;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.Texts;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import java.time.Clock;
import java.time.Instant;

/**
 * REST: the shared pipeline state (why sending is held, if it is) and the admin's resume after an
 * account problem (credentials, multi-user, password expiry) was fixed.
 */
public final class PipelineApi {
    /** {@code state}: a {@link PipelineStatus.State#id()}. */
    public record PipelineJson(String state, String detail, Integer stoppedCode, String stoppedAt,
            String throttledUntil, String maintenanceUntil) {
        public static PipelineJson of(PipelineStatus s, Instant now) {
            return new PipelineJson(s.state(now).id(), Texts.english(s.detail(now)), s.stoppedCode().orElse(null),
                    s.stoppedAt().map(Object::toString).orElse(null),
                    s.throttledUntil().filter(now::isBefore).map(Object::toString).orElse(null),
                    s.maintenanceUntil().filter(now::isBefore).map(Object::toString).orElse(null));
        }
    }

    private final BatchControlService control;
    private final PipelineState pipeline;
    private final Clock clock;

    public PipelineApi(BatchControlService control, PipelineState pipeline, Clock clock) {
        this.control = control;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.get("/api/v1/pipeline", Access.VIEWER, ctx -> ctx.json(PipelineJson.of(pipeline.read(), clock.instant())));
        routes.post("/api/v1/pipeline/resume", Access.ADMIN, ctx -> {
            control.resumePipeline(Principal.actor(ctx));
            ctx.json(PipelineJson.of(pipeline.read(), clock.instant()));
        });
    }
}
