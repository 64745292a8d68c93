package com.fleetprovisioner.web.metrics;

import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.Javalin;
import io.javalin.http.Context;

/**
 * {@code GET /metrics} for Prometheus, without sign-in: on the web port, or on a management port of
 * its own ({@code FP_METRICS_PORT}) that can stay off the public network.
 */
public final class MetricsRoutes {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Metrics metrics;

    public MetricsRoutes(Metrics metrics) {
        this.metrics = metrics;
    }

    public void register(Routes routes) {
        routes.get("/metrics", Access.PUBLIC, this::scrape);
    }

    /** A separate server for the management port; returns it so the caller can stop it. */
    public Javalin startManagementServer(String host, int port) {
        Javalin management = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        management.get("/metrics", this::scrape);
        return management.start(host, port);
    }

    private void scrape(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(metrics.scrape());
    }
}
