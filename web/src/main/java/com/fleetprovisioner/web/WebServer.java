package com.fleetprovisioner.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.queue.JobStorage;
import com.fleetprovisioner.web.auth.AuthFilters;
import com.fleetprovisioner.web.auth.Cookies;
import com.fleetprovisioner.web.auth.CsrfTokens;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.LoginController;
import com.fleetprovisioner.web.dashboard.DashboardController;
import com.fleetprovisioner.web.batches.BatchesApi;
import com.fleetprovisioner.web.devices.DeviceController;
import com.fleetprovisioner.web.devices.DevicesApi;
import com.fleetprovisioner.web.health.HealthController;
import com.fleetprovisioner.web.pipeline.PipelineApi;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.RouteSpec;
import com.fleetprovisioner.web.routing.Routes;
import com.fleetprovisioner.web.tokens.TokensApi;
import com.fleetprovisioner.web.tokens.TokensController;
import com.fleetprovisioner.web.users.UsersController;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The web process's HTTP server: Javalin with every feature's routes, filters and error pages. */
public final class WebServer implements AutoCloseable {
    /** Uploads up to the intake limit plus multipart overhead. */
    private static final long MAX_REQUEST_BYTES = 25L * 1024 * 1024;

    private final Javalin app;
    private final List<RouteSpec> routes;

    private WebServer(Javalin app, List<RouteSpec> routes) {
        this.app = app;
        this.routes = routes;
    }

    public static WebServer start(AppConfig config, WebServices services, Database database, JobStorage jobs,
            Supplier<ConnectionReport> connection, String version) {
        Javalin app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.jsonMapper(new JavalinJackson(jsonMapper(), false));
            cfg.contextResolver.ip = ctx -> clientIp(ctx, config.trustProxy());
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
                files.roles = Set.of(Access.PUBLIC);
            });
        });
        Cookies cookies = new Cookies(config.trustProxy());
        CsrfTokens csrf = new CsrfTokens(cookies);
        Flash flash = new Flash(cookies);
        PageRenderer renderer = new PageRenderer(csrf, flash, config.usesSimulator(), version,
                () -> pipelineAlert(services));
        ErrorResponses errors = new ErrorResponses(renderer);
        errors.register(app);
        new AuthFilters(services.auth(), services.tokens(), cookies, csrf, errors).register(app);

        Routes routes = new Routes(app);
        new HealthController(database, jobs, connection, services.pipeline(), services.clock(), version).register(routes);
        new LoginController(services.auth(), cookies, flash, renderer, services.clock()).register(routes);
        new DashboardController(services.statistics(), connection, renderer).register(routes);
        new UsersController(services.users(), renderer, flash).register(routes);
        new TokensController(services.tokens(), renderer, flash).register(routes);
        new TokensApi(services.auth(), services.tokens(), errors, services.clock()).register(routes);
        new BatchesApi(services.batchControl(), services.devices(), services.clock()).register(routes);
        new DevicesApi(services.batchControl(), services.devices()).register(routes);
        new DeviceController(services.batchControl(), services.devices(), renderer, flash).register(routes);
        new PipelineApi(services.batchControl(), services.pipeline(), services.clock()).register(routes);

        app.start(config.httpHost(), config.httpPort());
        return new WebServer(app, routes.specs());
    }

    public int port() {
        return app.port();
    }

    /** Every route with its declared access, for the access-control test. */
    public List<RouteSpec> routes() {
        return routes;
    }

    @Override
    public void close() {
        app.stop();
    }

    static ObjectMapper jsonMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The socket's peer; behind a trusted proxy, the address that proxy appended last. */
    private static String clientIp(Context ctx, boolean trustProxy) {
        String forwarded = ctx.header("X-Forwarded-For");
        if (trustProxy && forwarded != null && !forwarded.isBlank()) {
            String[] hops = forwarded.split(",");
            return hops[hops.length - 1].trim();
        }
        return ctx.req().getRemoteAddr();
    }

    /** The banner every signed-in page shows while sending is held; nothing when the state cannot be read. */
    private static java.util.Optional<String> pipelineAlert(WebServices services) {
        try {
            java.time.Instant now = services.clock().instant();
            var status = services.pipeline().read();
            return "RUNNING".equals(status.state(now)) ? java.util.Optional.empty()
                    : java.util.Optional.of(status.detail(now));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
