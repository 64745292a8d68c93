package com.fleetprovisioner.web.health;

import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.queue.JobStorage;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.util.function.Supplier;

/**
 * {@code GET /health}: database, queue and Fleet Freedom connection, and the version. 503 when the
 * database or the queue cannot be reached — a load balancer then stops sending traffic here.
 */
public final class HealthController {
    public record Check(String status) {
        static Check of(boolean up) {
            return new Check(up ? "UP" : "DOWN");
        }
    }

    public record Health(String status, String version, Check database, Check queue, ConnectionReport fleetFreedom) {
    }

    private final Database database;
    private final JobStorage jobs;
    private final Supplier<ConnectionReport> connection;
    private final String version;

    public HealthController(Database database, JobStorage jobs, Supplier<ConnectionReport> connection, String version) {
        this.database = database;
        this.jobs = jobs;
        this.connection = connection;
        this.version = version;
    }

    public void register(Routes routes) {
        routes.get("/health", Access.PUBLIC, this::health);
    }

    public Health check() {
        boolean databaseUp = database.reachable();
        boolean queueUp = databaseUp && jobs.reachable();
        return new Health(databaseUp && queueUp ? "UP" : "DOWN", version, Check.of(databaseUp), Check.of(queueUp),
                connection.get());
    }

    private void health(Context ctx) {
        Health health = check();
        ctx.status("UP".equals(health.status()) ? 200 : 503).json(health);
    }
}
