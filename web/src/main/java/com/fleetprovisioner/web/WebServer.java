package com.fleetprovisioner.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fleetprovisioner.common.DaemonThreads;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.pacing.SendRateStatus;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.billing.JooqBillingReport;
import com.fleetprovisioner.db.device.JooqEventStatistics;
import com.fleetprovisioner.db.pacing.JooqSendBudgetStore;
import com.fleetprovisioner.db.queue.JobStorage;
import com.fleetprovisioner.web.apidocs.ApiDescription;
import com.fleetprovisioner.web.apidocs.ApiDocsController;
import com.fleetprovisioner.core.reconcile.ReconcileService;
import com.fleetprovisioner.db.reconcile.JobRunrReconcileJobs;
import com.fleetprovisioner.db.reconcile.JooqReconcileRepository;
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
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;

/** The web process's HTTP server: Javalin with every feature's routes, filters and error pages. */
public final class WebServer implements AutoCloseable {
    /** Requests other than uploads stay well under this; uploads get the intake limit plus multipart overhead. */
    private static final long MIN_REQUEST_BYTES = 25L * 1024 * 1024;

    /** Expired sessions are refused at once; this only keeps abandoned ones from piling up in the table. */
    private static final long SESSION_PURGE_MINUTES = 10;

    private final Javalin app;
    private final List<RouteSpec> routes;
    private final Optional<Javalin> management;
    private final ScheduledExecutorService housekeeping;

    private WebServer(Javalin app, List<RouteSpec> routes, Optional<Javalin> management,
            ScheduledExecutorService housekeeping) {
        this.app = app;
        this.routes = routes;
        this.management = management;
        this.housekeeping = housekeeping;
    }

    public static WebServer start(AppConfig config, WebServices services, Database database, JobStorage jobs,
            Supplier<ConnectionReport> connection, String version) {
        return start(config, services, database, jobs, connection, version, (routes, renderer) -> {
        });
    }

    /** With {@code extraRoutes} registered after the product's: a test's, e.g. one that fails on purpose. */
    public static WebServer start(AppConfig config, WebServices services, Database database, JobStorage jobs,
            Supplier<ConnectionReport> connection, String version, BiConsumer<Routes, PageRenderer> extraRoutes) {
        ClientAddress address = new ClientAddress(config.trustProxy(), config.trustedProxies());
        Javalin app = Javalin.create(cfg -> {
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
        new LoginController(services.auth(), services.preSessions(), cookies, flash, renderer, services.clock())
                .register(routes);
        new PasswordController(services.passwordChange(), renderer, flash).register(routes);
        Supplier<SendRateStatus> sendRate = () -> SendRateStatus.of(new JooqSendBudgetStore(database.dsl()),
                () -> services.settings().current().sendRate());
        new DashboardController(services.statistics(), services.batchListing(), services.pipeline(), connection, sendRate,
                renderer, services.clock()).register(routes);
        new UsersController(services.users(), renderer, flash).register(routes);
        new TokensController(services.tokens(), renderer, flash, services.clock()).register(routes);
        new NotificationsController(services.notifications(), renderer, flash).register(routes);
        new AccountController(services.notifications(), services.languages(), renderer, flash).register(routes);
        new AuditController(services.audit(), renderer).register(routes);
        Pickers pickers = new Pickers(services.directory(), services.users());
        new PickersController(pickers, services.audit(), renderer, flash, services.clock()).register(routes);
        new SettingsController(services.settings(), new ConnectionCheck(services.clock(), SettingsController.TEST_TIMEOUT,
                config.exposure().testConnectionHosts()),
                renderer, flash, pickers).register(routes);
        new HistoryController(services.history(), services.historyTotals(), services.users(), services.batchControl(), renderer, flash,
                pickers, services.deviceSearch()).register(routes);
        new DeviceEditController(services.history(), services.corrections(), renderer, flash).register(routes);
        new HistoryExport(services.history(), services.users(), services.audit(), services.clock())
                .register(routes);
        new TokensApi(services.auth(), services.tokens(), errors, services.clock()).register(routes);
        new ApiDocsController(ApiDescription.load(), renderer).register(routes);
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
        JooqBillingReport billing = new JooqBillingReport(database.dsl());
        new BillingController(billing, renderer, services.clock()).register(routes);
        new BillingExport(billing, services.audit(), services.clock()).register(routes);
        new BillingApi(billing, services.clock()).register(routes);
        ReconcileService reconciliations = new ReconcileService(new JooqReconcileRepository(database.dsl()),
                new JobRunrReconcileJobs(jobs), services.companies(), database.transactions(), services.audit(),
                services.clock());
        new ReconcileController(reconciliations, services.users(), renderer, flash, services.clock()).register(routes);
        new ReconcileApi(reconciliations, services.clock()).register(routes);
        new ReconcileExport(reconciliations).register(routes);

        extraRoutes.accept(routes, renderer);

        Optional<Javalin> management = Optional.empty();
        if (config.metricsEnabled()) {
            MetricsRoutes metrics = new MetricsRoutes(new Metrics(services.statistics(),
                    new JooqEventStatistics(database.dsl()), services.clock()).bind(new SendRateMetrics(sendRate)),
                    config.exposure().metricsToken());
            if (config.metricsPort() == 0) {
                metrics.register(routes);
            } else {
                management = Optional.of(metrics.startManagementServer(config.httpHost(), config.metricsPort()));
            }
        }
        app.start(config.httpHost(), config.httpPort());
        ScheduledExecutorService housekeeping =
                Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("session-purge"));
        housekeeping.scheduleWithFixedDelay(() -> purgeSessions(services), SESSION_PURGE_MINUTES, SESSION_PURGE_MINUTES,
                TimeUnit.MINUTES);
        return new WebServer(app, routes.specs(), management, housekeeping);
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

    private static void purgeSessions(WebServices services) {
        try {
            services.auth().purgeExpiredSessions();
            services.preSessions().purge();
        } catch (RuntimeException e) {
            // the database may be down for a moment: the next round tries again
            LoggerFactory.getLogger(WebServer.class).warn("Could not purge expired sessions: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        housekeeping.shutdownNow();
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
