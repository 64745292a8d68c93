package com.fleetprovisioner.web.health;

import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.core.provisioning.PipelineState;
import com.fleetprovisioner.web.pipeline.PipelineApi.PipelineJson;
import java.time.Clock;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * {@code GET /health}: database, queue and Fleet Freedom connection (endpoint, account, stop reason), and
 * the version — for signed-in users and API tokens only, since all of that helps an attacker. 503 when
 * the database or the queue cannot be reached. {@code /health/live} (process up, nothing checked) and
 * {@code /health/ready} (database and queue) are the anonymous short forms for load balancers and
 * orchestrators' probes: a status and nothing else.
 */
public final class HealthController {
    public record Check(String status) {
        static Check of(boolean up) {
            return new Check(up ? "UP" : "DOWN");
        }
    }

    /** {@code pipeline} says whether sending is held and why; a stopped pipeline does not make this process DOWN. */
    public record Health(String status, String version, Check database, Check queue, ConnectionReport fleetFreedom,
            PipelineJson pipeline) {
    }

    private final Database database;
    private final JobStorage jobs;
    private final Supplier<ConnectionReport> connection;
    private final PipelineState pipeline;
    private final Clock clock;
    private final String version;

    public HealthController(Database database, JobStorage jobs, Supplier<ConnectionReport> connection,
            PipelineState pipeline, Clock clock, String version) {
        this.pipeline = pipeline;
        this.clock = clock;
        this.database = database;
        this.jobs = jobs;
        this.connection = connection;
        this.version = version;
    }

    public void register(Routes routes) {
        routes.get("/health", Access.VIEWER, this::health);
        routes.get("/health/live", Access.PUBLIC, this::live);
        routes.get("/health/ready", Access.PUBLIC, this::ready);
    }

    /** Liveness: the process answers. No dependency is checked, so a database outage never gets it restarted. */
    private void live(Context ctx) {
        ctx.json(new Check("UP"));
    }

    /** Readiness: the database and the queue answer; 503 otherwise, and traffic goes elsewhere. */
    private void ready(Context ctx) {
        boolean databaseUp = database.reachable();
        boolean up = databaseUp && jobs.reachable();
        ctx.status(up ? 200 : 503).json(new Check(up ? "UP" : "DOWN"));
    }

    public Health check() {
        boolean databaseUp = database.reachable();
        boolean queueUp = databaseUp && jobs.reachable();
        return new Health(databaseUp && queueUp ? "UP" : "DOWN", version, Check.of(databaseUp), Check.of(queueUp),
                connection.get(), databaseUp ? pipelineState() : null);
    }

    private PipelineJson pipelineState() {
        try {
            return PipelineJson.of(pipeline.read(), clock.instant());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void health(Context ctx) {
        Health health = check();
        ctx.status("UP".equals(health.status()) ? 200 : 503).json(health);
    }
}
