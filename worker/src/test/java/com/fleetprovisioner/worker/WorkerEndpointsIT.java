package com.fleetprovisioner.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.OperationsSettings;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The worker's health port and JobRunr dashboard, on real sockets. */
class WorkerEndpointsIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void healthIsLiveAlwaysAndReadyWhileTheJobServerAndDatabaseAre() throws Exception {
        int port = freePort();
        OperationsSettings settings = AppConfig.from(Map.of("FP_WORKER_HEALTH_PORT", Integer.toString(port))).operations();
        AtomicBoolean jobServerRunning = new AtomicBoolean(true);
        Database db = TestDatabases.migrated(DatabaseKind.H2);
        try (JobStorage jobs = JobStorage.open(db);
             WorkerEndpoints endpoints = WorkerEndpoints.start(settings, db, jobs, jobServerRunning::get)) {
            assertThat(get(port, "/health/live", null).statusCode()).isEqualTo(200);
            HttpResponse<String> ready = get(port, "/health/ready", null);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");

            jobServerRunning.set(false);
            assertThat(get(port, "/health/ready", null).statusCode()).isEqualTo(503);
            jobServerRunning.set(true);
            db.close();
            assertThat(get(port, "/health/ready", null).statusCode()).as("database gone").isEqualTo(503);
            assertThat(get(port, "/health/live", null).statusCode()).isEqualTo(200);
        } finally {
            db.close();
        }
    }

    @Test
    void theJobRunrDashboardAsksForItsPassword() throws Exception {
        int port = freePort();
        OperationsSettings settings = AppConfig.from(Map.of("FP_JOBRUNR_DASHBOARD_PORT", Integer.toString(port),
                "FP_JOBRUNR_DASHBOARD_PASSWORD", "dashboard-secret-value")).operations();
        try (Database db = TestDatabases.migrated(DatabaseKind.H2);
             JobStorage jobs = JobStorage.open(db);
             WorkerEndpoints endpoints = WorkerEndpoints.start(settings, db, jobs, () -> true)) {
            assertThat(endpoints.healthPort()).as("the health port stays off").isEmpty();
            assertThat(get(port, "/api/jobs?state=ENQUEUED", null).statusCode()).isEqualTo(401);
            assertThat(get(port, "/api/jobs?state=ENQUEUED", "operator:wrong-password").statusCode()).isEqualTo(401);
            HttpResponse<String> jobsPage = get(port, "/api/jobs?state=ENQUEUED", "operator:dashboard-secret-value");
            assertThat(jobsPage.statusCode()).isEqualTo(200);
            assertThat(jobsPage.body()).contains("\"items\"");
        }
    }

    private HttpResponse<String> get(int port, String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
