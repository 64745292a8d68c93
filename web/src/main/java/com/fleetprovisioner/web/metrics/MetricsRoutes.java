package com.fleetprovisioner.web.metrics;

import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Header;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code GET /metrics} for Prometheus, without sign-in: on the web port, or on a management port of
 * its own ({@code FP_METRICS_PORT}) that can stay off the public network. With {@code FP_METRICS_TOKEN}
 * set, a scrape needs {@code Authorization: Bearer <token>} (401 otherwise) on either port.
 */
public final class MetricsRoutes {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final String BEARER = "Bearer ";

    private final Metrics metrics;
    private final Optional<byte[]> token;

    public MetricsRoutes(Metrics metrics, Optional<String> token) {
        this.metrics = metrics;
        this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8));
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
        if (!authorised(ctx.header(Header.AUTHORIZATION))) {
            ctx.header(Header.WWW_AUTHENTICATE, "Bearer realm=\"metrics\"").status(401).result("");
            return;
        }
        ctx.contentType(CONTENT_TYPE).result(metrics.scrape());
    }

    private boolean authorised(String header) {
        if (token.isEmpty()) {
            return true;
        }
        if (header == null || !header.startsWith(BEARER)) {
            return false;
        }
        byte[] given = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token.get());
    }
}
