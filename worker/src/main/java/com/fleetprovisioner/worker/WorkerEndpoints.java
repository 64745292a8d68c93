package com.fleetprovisioner.worker;

import com.fleetprovisioner.common.DaemonThreads;
import com.fleetprovisioner.core.config.OperationsSettings;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.queue.JobStorage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.jobrunr.dashboard.JobRunrDashboardWebServer;
import org.jobrunr.dashboard.JobRunrDashboardWebServerConfiguration;

/**
 * What a worker process serves, none of it pages: a health port for orchestrators ({@code /health/live}
 * answers while the process runs; {@code /health/ready} when the database, the queue and the JobRunr server
 * are up), on the JDK's own HTTP server, and JobRunr's dashboard for operators. Both are off unless
 * configured. The dashboard always asks for a password: JobRunr binds it to every interface (it takes a
 * port, not a host), so "localhost only" cannot be promised; keep its port unpublished.
 */
public final class WorkerEndpoints implements AutoCloseable {
    private final Optional<HttpServer> health;
    private final Optional<JobRunrDashboardWebServer> dashboard;

    private WorkerEndpoints(Optional<HttpServer> health, Optional<JobRunrDashboardWebServer> dashboard) {
        this.health = health;
        this.dashboard = dashboard;
    }

    public static WorkerEndpoints start(OperationsSettings settings, Database database, JobStorage jobs,
            BooleanSupplier jobServerRunning) {
        Optional<HttpServer> health = Optional.empty();
        Optional<JobRunrDashboardWebServer> dashboard = Optional.empty();
        try {
            if (settings.workerHealthPort() != 0) {
                health = Optional.of(health(settings.workerHealthPort(),
                        () -> jobServerRunning.getAsBoolean() && database.reachable() && jobs.reachable()));
            }
            if (settings.dashboardPort() != 0) {
                JobRunrDashboardWebServer server = new JobRunrDashboardWebServer(jobs.provider(), jobs.jsonMapper(),
                        JobRunrDashboardWebServerConfiguration.usingStandardDashboardConfiguration()
                                .andPort(settings.dashboardPort())
                                .andBasicAuthentication(OperationsSettings.DASHBOARD_USER,
                                        settings.dashboardPassword().orElseThrow())
                                .andAllowAnonymousDataUsage(false));
                server.start();
                dashboard = Optional.of(server);
            }
        } catch (RuntimeException e) {
            health.ifPresent(s -> s.stop(0));
            throw e;
        }
        return new WorkerEndpoints(health, dashboard);
    }

    private static HttpServer health(int port, BooleanSupplier ready) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
            server.createContext("/health/live", exchange -> answer(exchange, true));
            server.createContext("/health/ready", exchange -> answer(exchange, ready.getAsBoolean()));
            server.setExecutor(Executors.newSingleThreadExecutor(DaemonThreads.named("worker-health")));
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on FP_WORKER_HEALTH_PORT " + port, e);
        }
    }

    private static void answer(HttpExchange exchange, boolean up) throws IOException {
        byte[] body = ("{\"status\":\"" + (up ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(up ? 200 : 503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The health port actually bound (tests listen on any free port). */
    Optional<Integer> healthPort() {
        return health.map(s -> s.getAddress().getPort());
    }

    @Override
    public void close() {
        dashboard.ifPresent(JobRunrDashboardWebServer::stop);
        health.ifPresent(s -> s.stop(0));
    }
}
