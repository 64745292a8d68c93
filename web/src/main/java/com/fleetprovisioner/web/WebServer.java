package com.fleetprovisioner.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.web.apidocs.ApiDescription;
import com.fleetprovisioner.web.apidocs.ApiDocsController;
import com.fleetprovisioner.web.reconcile.ReconcileApi;
import com.fleetprovisioner.web.reconcile.ReconcileController;
import com.fleetprovisioner.web.reconcile.ReconcileExport;
import com.fleetprovisioner.web.audit.AuditController;
import com.fleetprovisioner.web.auth.AuthFilters;
import com.fleetprovisioner.web.auth.ClientAddress;
import com.fleetprovisioner.web.auth.Cookies;
import com.fleetprovisioner.web.auth.CsrfTokens;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.LoginController;
import com.fleetprovisioner.web.auth.PasswordController;
import com.fleetprovisioner.web.billing.BillingApi;
import com.fleetprovisioner.web.billing.BillingController;
import com.fleetprovisioner.web.billing.BillingExport;
import com.fleetprovisioner.web.dashboard.DashboardController;
import com.fleetprovisioner.web.batches.BatchControlApi;
import com.fleetprovisioner.web.batches.BatchController;
import com.fleetprovisioner.web.batches.BatchListController;
import com.fleetprovisioner.web.devices.DevicesApi;
import com.fleetprovisioner.web.health.HealthController;
import com.fleetprovisioner.web.history.DeviceEditController;
import com.fleetprovisioner.web.history.HistoryController;
import com.fleetprovisioner.web.history.HistoryExport;
import com.fleetprovisioner.web.search.SearchController;
import com.fleetprovisioner.web.metrics.Metrics;
import com.fleetprovisioner.web.metrics.MetricsRoutes;
import com.fleetprovisioner.web.metrics.SendRateMetrics;
import com.fleetprovisioner.web.pickers.Pickers;
import com.fleetprovisioner.web.pickers.PickersController;
import com.fleetprovisioner.web.pipeline.PipelineApi;
import com.fleetprovisioner.web.render.Languages;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.RouteSpec;
import com.fleetprovisioner.web.routing.Routes;
import com.fleetprovisioner.core.settings.ConnectionCheck;
import com.fleetprovisioner.web.settings.SettingsController;
import com.fleetprovisioner.web.tokens.TokensApi;
import com.fleetprovisioner.web.tokens.TokensController;
import com.fleetprovisioner.web.notify.AccountController;
import com.fleetprovisioner.web.notify.NotificationsController;
import com.fleetprovisioner.web.users.UsersController;
import com.fleetprovisioner.web.batches.BatchesApi;
import com.fleetprovisioner.web.batches.DeviceFormController;
import com.fleetprovisioner.web.batches.IntakeController;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/** The web process's HTTP server: Javalin with every feature's routes, filters and error pages. */
public final class WebServer implements AutoCloseable {
    /** Requests other than uploads stay well under this; uploads get the intake limit plus multipart overhead. */
    private static final long MIN_REQUEST_BYTES = 25L * 1024 * 1024;

    private final Javalin app;
    private final List<RouteSpec> routes;
    private final Optional<Javalin> management;

    private WebServer(Javalin app, List<RouteSpec> routes, Optional<Javalin> management) {
        this.app = app;
        this.routes = routes;
        this.management = management;
    }

    public static WebServer start(AppConfig config, WebServices services, Database database, JobStorage jobs,
            Supplier<ConnectionReport> connection, String version) {
        return start(config, services, database, jobs, connection, version, (routes, renderer) -> {
        });
    }

    /**
     * Routes and server only; the services come built ({@link WebApp}).
     *
     * @param database    for the health check: is the database reachable
     * @param jobs        for the health check: can JobRunr read its tables
     * @param extraRoutes registered after the product's: a test's, e.g. one that fails on purpose
     */
    public static WebServer start(AppConfig config, WebServices services, Database database, JobStorage jobs,
            Supplier<ConnectionReport> connection, String version, BiConsumer<Routes, PageRenderer> extraRoutes) {
        ClientAddress address = new ClientAddress(config.trustProxy(), config.trustedProxies());
        Javalin app = javalin(config, address);
        Cookies cookies = new Cookies(address);
        CsrfTokens csrf = new CsrfTokens(cookies, services.preSessions());
        Flash flash = new Flash(cookies);
        PageRenderer renderer = new PageRenderer(csrf, flash, () -> simulatorTarget(services), version,
                () -> pipelineAlert(services), new Languages(services.languages()::of));
        ErrorResponses errors = new ErrorResponses(renderer);
        errors.register(app);
        new AuthFilters(services.auth(), services.tokens(), cookies, csrf, errors).register(app);

        Routes routes = new Routes(app);
        // browsers ask for /favicon.ico on their own (pages link the SVG); answer instead of a 404 per page
        routes.get("/favicon.ico", Access.PUBLIC, ctx -> ctx.redirect("/static/favicon.svg", HttpStatus.MOVED_PERMANENTLY));
        new HealthController(database, jobs, connection, services.pipeline(), services.clock(), version).register(routes);
        Pickers pickers = new Pickers(services.directory(), services.users());
        accountRoutes(routes, config, services, renderer, flash, cookies, errors, pickers);
        new DashboardController(services.statistics(), services.batchListing(), services.pipeline(), connection,
                services.sendRate(), renderer, services.clock()).register(routes);
        batchRoutes(routes, services, renderer, flash, pickers);
        reportRoutes(routes, services, renderer, flash);
        extraRoutes.accept(routes, renderer);
        Optional<Javalin> management = metrics(config, services, routes);
        app.start(config.httpHost(), config.httpPort());
        return new WebServer(app, routes.specs(), management);
    }

    private static Javalin javalin(AppConfig config, ClientAddress address) {
        return Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            // a little over the intake limit reaches intake, which then names the limit in its message
            long uploadBytes = config.intakeMaxBytes() + 1024 * 1024;
            cfg.http.maxRequestSize = Math.max(MIN_REQUEST_BYTES, uploadBytes);
            cfg.jetty.multipartConfig.maxFileSize(uploadBytes, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(uploadBytes + 64 * 1024, SizeUnit.BYTES);
            // parts above 1 MB go to a temporary file, never into the heap
            cfg.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
            cfg.jsonMapper(new JavalinJackson(jsonMapper(), false));
            cfg.contextResolver.ip = address::client;
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
                files.roles = Set.of(Access.PUBLIC);
            });
        });
    }

    /** Sign-in, passwords, users, tokens, notifications, audit, pickers and settings. */
    private static void accountRoutes(Routes routes, AppConfig config, WebServices services, PageRenderer renderer,
            Flash flash, Cookies cookies, ErrorResponses errors, Pickers pickers) {
        new LoginController(services.auth(), services.preSessions(), cookies, flash, renderer, services.clock())
                .register(routes);
        new PasswordController(services.passwordChange(), renderer, flash).register(routes);
        new UsersController(services.users(), renderer, flash).register(routes);
        new TokensController(services.tokens(), renderer, flash, services.clock()).register(routes);
        new TokensApi(services.auth(), services.tokens(), errors, services.clock()).register(routes);
        new NotificationsController(services.notifications(), renderer, flash).register(routes);
        new AccountController(services.notifications(), services.languages(), renderer, flash).register(routes);
        new AuditController(services.audit(), renderer).register(routes);
        new PickersController(pickers, services.audit(), renderer, flash, services.clock()).register(routes);
        new SettingsController(services.settings(), new ConnectionCheck(services.clock(), SettingsController.TEST_TIMEOUT,
                config.exposure().testConnectionHosts()),
                renderer, flash, pickers).register(routes);
        new ApiDocsController(ApiDescription.load(), renderer).register(routes);
    }

    /** Intake, batches, devices, history and the pipeline. */
    private static void batchRoutes(Routes routes, WebServices services, PageRenderer renderer, Flash flash,
            Pickers pickers) {
        new HistoryController(services.history(), services.historyTotals(), services.users(), services.batchControl(), renderer, flash,
                pickers, services.deviceSearch()).register(routes);
        new DeviceEditController(services.history(), services.corrections(), renderer, flash).register(routes);
        new HistoryExport(services.history(), services.users(), services.audit(), services.clock(), renderer)
                .register(routes);
        Supplier<Optional<Long>> defaultCompany = () -> services.liveSettings().get().defaultCompany();
        new IntakeController(services.intake(), services.submissions(), services.exports(), renderer, flash,
                defaultCompany, pickers).register(routes);
        new DeviceFormController(services.submissions(), pickers, defaultCompany, renderer, flash).register(routes);
        new BatchesApi(services.intake(), services.submissions(), defaultCompany).register(routes);
        new BatchControlApi(services.batchControl(), services.devices(), services.clock()).register(routes);
        // after the intake routes: /batches/new must win over /batches/{id}
        new BatchController(services.batchControl(), services.batchListing(), services.devices(), services.history(),
                renderer, flash, services.clock()).register(routes);
        new BatchListController(services.batchListing(), services.users(), renderer).register(routes);
        new SearchController(services.deviceSearch(), services.batchListing(), renderer).register(routes);
        new DevicesApi(services.batchControl(), services.devices()).register(routes);
        new PipelineApi(services.batchControl(), services.pipeline(), services.clock()).register(routes);
    }

    /** Billing and reconciliation. */
    private static void reportRoutes(Routes routes, WebServices services, PageRenderer renderer, Flash flash) {
        new BillingController(services.billing(), renderer, services.clock()).register(routes);
        new BillingExport(services.billing(), services.audit(), services.clock(), renderer).register(routes);
        new BillingApi(services.billing(), services.clock()).register(routes);
        new ReconcileController(services.reconciliations(), services.users(), renderer, flash, services.clock())
                .register(routes);
        new ReconcileApi(services.reconciliations(), services.clock()).register(routes);
        new ReconcileExport(services.reconciliations(), renderer).register(routes);
    }

    /** Metrics on the pages' port, or on a management port of their own; none when they are off. */
    private static Optional<Javalin> metrics(AppConfig config, WebServices services, Routes routes) {
        if (!config.metricsEnabled()) {
            return Optional.empty();
        }
        MetricsRoutes metrics = new MetricsRoutes(new Metrics(services.statistics(), services.events(), services.clock())
                .bind(new SendRateMetrics(services.sendRate())), config.exposure().metricsToken());
        if (config.metricsPort() == 0) {
            metrics.register(routes);
            return Optional.empty();
        }
        return Optional.of(metrics.startManagementServer(config.httpHost(), config.metricsPort()));
    }

    public int port() {
        return app.port();
    }

    /** Every route with its declared access, for the access-control test. */
    public List<RouteSpec> routes() {
        return routes;
    }

    /** The management port's server, when metrics are served apart from the pages. */
    public Optional<Integer> managementPort() {
        return management.map(Javalin::port);
    }

    @Override
    public void close() {
        app.stop();
        management.ifPresent(Javalin::stop);
    }

    static ObjectMapper jsonMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The simulator banner follows the settings; when they cannot be read, the banner errs on showing. */
    private static boolean simulatorTarget(WebServices services) {
        try {
            return services.liveSettings().get().simulator();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(WebServer.class).warn("Could not read the settings: {}", e.getMessage());
            return true;
        }
    }

    /** The banner every signed-in page shows while sending is held; nothing when the state cannot be read. */
    private static java.util.Optional<com.fleetprovisioner.core.common.Text> pipelineAlert(WebServices services) {
        try {
            java.time.Instant now = services.clock().instant();
            var status = services.pipeline().read();
            return status.running(now) ? java.util.Optional.empty()
                    : java.util.Optional.of(status.detail(now));
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
