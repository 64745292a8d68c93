package com.fleetprovisioner.app;

import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.app.testing.ApiOperator;
import com.fleetprovisioner.worker.testing.JarProcess.Launch;
import com.fleetprovisioner.worker.testing.JarProcess;
import com.fleetprovisioner.app.testing.MetricsAgreement;
import com.fleetprovisioner.app.testing.ProcessGroup;
import com.fleetprovisioner.core.intake.Ids;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.DatabaseUrl;
import com.fleetprovisioner.db.testing.TestDatabases;
import com.fleetprovisioner.simulator.ControlClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out, for real: the simulator, one web and two worker processes, each its own JVM from its shaded
 * jar, on one PostgreSQL. An operator's token submits 2,000 devices through the REST API; one worker is
 * stopped (SIGTERM) midway and a new one takes its place; the simulator answers slowly and loses 1 % of
 * the merge replies (applied, answer never sent). Every device ends provisioned, the simulator created
 * each exactly once, every worker did work, and {@code /metrics} agrees with the database. The
 * consoles are kept in {@code target/scale-out/}; a failure prints their last lines.
 */
class ScaleOutIT {
    private static final Path MODULES = Path.of("..").toAbsolutePath().normalize();
    private static final Path SIMULATOR_JAR = MODULES.resolve("simulator/target/fleet-freedom-simulator.jar");
    private static final Path WEB_JAR = MODULES.resolve("web/target/fleet-provisioner-web.jar");
    private static final Path WORKER_JAR = MODULES.resolve("worker/target/fleet-provisioner-worker.jar");
    private static final Path LOGS = Path.of("target", "scale-out").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final int DEVICES = 2000;
    private static final int BATCHES = 2;
    private static final int RESTART_AT = DEVICES * 35 / 100;
    private static final Duration START = Duration.ofSeconds(120);
    /** Hang guards, not speed limits. */
    private static final Duration RUN = Duration.ofMinutes(5);
    private static final Duration METRICS = Duration.ofSeconds(30);

    // Distinctive so that a leak into any console is found by a plain search.
    private static final String FF_PASSWORD = "ff-scale-out-Secret-7391";
    private static final String ADMIN_PASSWORD = "scale-out-admin-Pass-5512";
    private static final String OPERATOR_PASSWORD = "scale-out-operator-Pass-8820";
    private static final String DEVICE_PASSWORD = "devpw-Scale-";
    private static final String SECRET_KEY = Base64.getEncoder().encodeToString("scale-out-test-key-32-bytes-long".getBytes(StandardCharsets.US_ASCII));

    private final long startedAt = System.nanoTime();

    @Test
    void twoWorkersAndARestartAddEveryDeviceOnceAndTheMetricsAgreeWithTheDatabase(@TempDir Path directory) throws Exception {
        DatabaseUrl url = TestDatabases.freshUrl(DatabaseKind.POSTGRES);
        try (Database db = Database.connect(url.url(), url.user(), url.password(), 2);
             ProcessGroup jvms = new ProcessGroup(LOGS)) {
            try {
                run(db, url, jvms, directory);
            } catch (Throwable failure) {
                jvms.printTails(60);
                throw failure;
            }
        }
    }

    private void run(Database db, DatabaseUrl url, ProcessGroup jvms, Path directory) throws Exception {
        JarProcess simulator = jvms.start("simulator", Launch.of(SIMULATOR_JAR, directory, Map.of())
                .withJvmOptions("-Xmx256m", "-XX:+UseSerialGC").withArguments("--port", "0", "--control-port", "0",
                        "--latency", "20-60", "--drop-after-merge", "0.01", "--user", "ops@example.com:" + FF_PASSWORD));
        ControlClient control = new ControlClient(URI.create(valueAfter(simulator, "Control API:")),
                valueAfter(simulator, "Control token:").split("\\s+")[0]);
        Map<String, String> env = environment(url, URI.create(valueAfter(simulator, "WebSocket:")));

        int port = JarProcess.freePort();
        JarProcess web = jvms.start("web", webLaunch(directory, env, port));
        // started together with the web process, as a deployment does: the workers wait for its migrations
        JarProcess first = jvms.start("worker-1", workerLaunch(directory, env));
        JarProcess second = jvms.start("worker-2", workerLaunch(directory, env));
        web.awaitLine(line -> line.contains("Web pages and API at"), START);
        URI webUri = URI.create("http://127.0.0.1:" + port + "/");
        awaitWorkerReady(first);
        awaitWorkerReady(second);
        progress("web and two workers up");

        ApiOperator operator = ApiOperator.created(webUri, ADMIN_PASSWORD, "scale-operator", OPERATOR_PASSWORD);
        for (int b = 0; b < BATCHES; b++) {
            int from = b * DEVICES / BATCHES;
            int to = (b + 1) * DEVICES / BATCHES;
            assertThat(operator.uploadAndSubmit("devices-" + b + ".csv", csv(from, to), to - from)).isEqualTo(to - from);
        }
        progress(DEVICES + " devices submitted");

        ProcessGroup.await("35 % provisioned", RUN, List.of(simulator, web, first, second),
                () -> count(db, DeviceState.PROVISIONED) >= RESTART_AT);
        first.stop(Duration.ofSeconds(90));
        long atRestart = count(db, DeviceState.PROVISIONED);
        progress("worker-1 stopped with " + atRestart + " provisioned");
        assertThat(atRestart).as("the worker was stopped midway").isLessThan(DEVICES);
        JarProcess replacement = jvms.start("worker-3", workerLaunch(directory, env));
        awaitWorkerReady(replacement);
        progress("worker-3 up with " + count(db, DeviceState.PROVISIONED) + " provisioned");
        ProcessGroup.await("every device terminal", RUN, List.of(simulator, web, second, replacement),
                () -> DatabaseFixture.dsl(db).fetchCount(DEVICE, DEVICE.STATE.notIn(terminalStates())) == 0);
        progress("every device terminal");

        assertThat(statesByCount(db)).isEqualTo(Map.of(DeviceState.PROVISIONED.id(), (long) DEVICES));
        assertEachDeviceCreatedOnceAndNeverMergedAgain(control);
        assertEveryWorkerDidWork(db, List.of(first, second, replacement));
        assertThat(pipelineAgreement(db).differences(() -> get(webUri.resolve("/metrics")), METRICS))
                .as("/metrics against the database").isEmpty();
        assertNoSecretInAConsole(List.of(web, first, second, replacement));
        progress("checked");
    }

    /**
     * What /metrics must show, beside the database rows it is derived from: devices per state (a state
     * without devices as 0), mergeProvider commands sent, answered (the latency count) and answered with
     * an error, summed over every worker process.
     */
    static MetricsAgreement pipelineAgreement(Database db) {
        MetricsAgreement agreement = new MetricsAgreement();
        for (DeviceState state : DeviceState.values()) {
            agreement.expect("fleet_devices", Map.of("state", state.id()), () -> count(db, state));
        }
        Condition answered = DEVICE_EVENT.TYPE.eq(DeviceEvent.Type.RESPONSE.id()).and(DEVICE_EVENT.LATENCY_MS.isNotNull());
        return agreement
                .expect("fleet_merge_provider_sends_total", Map.of(),
                        () -> DatabaseFixture.dsl(db).fetchCount(DEVICE_EVENT, DEVICE_EVENT.TYPE.eq(DeviceEvent.Type.SENT.id())))
                .expect("fleet_merge_provider_latency_seconds_count", Map.of(),
                        () -> DatabaseFixture.dsl(db).fetchCount(DEVICE_EVENT, answered))
                .expect("fleet_merge_provider_errors_total", Map.of(),
                        () -> DatabaseFixture.dsl(db).fetchCount(DEVICE_EVENT, answered.and(DEVICE_EVENT.ERROR_CODE.ne(0))));
    }

    private static Map<String, String> environment(DatabaseUrl url, URI webSocket) {
        Map<String, String> env = new HashMap<>();
        env.put("FP_DB_URL", url.url());
        env.put("FP_DB_USER", url.user());
        env.put("FP_DB_PASSWORD", url.password());
        env.put("FP_DB_POOL_SIZE", "6");
        env.put("FP_SECRET_KEY", SECRET_KEY);
        env.put("FP_FF_URL", webSocket.toString());
        env.put("FP_FF_USERNAME", "ops@example.com");
        env.put("FP_FF_PASSWORD", FF_PASSWORD);
        return env;
    }

    private static Launch webLaunch(Path directory, Map<String, String> env, int port) {
        Map<String, String> web = new HashMap<>(env);
        web.put("FP_HTTP_HOST", "127.0.0.1");
        web.put("FP_HTTP_PORT", Integer.toString(port));
        web.put("FP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        web.put("FP_METRICS_ENABLED", "true");
        return Launch.of(WEB_JAR, directory, web).withJvmOptions("-Xmx384m", "-XX:+UseSerialGC");
    }

    /**
     * Paced so that the run lasts long enough to restart a worker midway, with a lease short enough that
     * a stopped worker's devices are taken over within the run, whatever the worker does on SIGTERM.
     */
    private static Launch workerLaunch(Path directory, Map<String, String> env) {
        Map<String, String> worker = new HashMap<>(env);
        worker.put("FP_WORKERS", "4");
        worker.put("FP_SEND_RATE", "60"); // for both workers together, as 30 each was before the shared budget
        worker.put("FP_MAX_IN_FLIGHT", "8");
        worker.put("FP_LEASE_SECONDS", "15");
        worker.put("FP_FF_CONNECT_TIMEOUT_SECONDS", "3");
        worker.put("FP_FF_REPLY_TIMEOUT_SECONDS", "5");
        worker.put("FP_SWEEP_SECONDS", "5");
        worker.put("FP_RETRY_BASE_SECONDS", "1");
        worker.put("FP_RETRY_MAX_SECONDS", "2");
        return Launch.of(WORKER_JAR, directory, worker).withJvmOptions("-Xmx256m", "-XX:+UseSerialGC");
    }

    private static void awaitWorkerReady(JarProcess worker) {
        worker.awaitLine(line -> line.contains("Worker running with"), START);
    }

    /** The value printed after a label on the simulator's start banner. */
    private static String valueAfter(JarProcess simulator, String label) {
        String line = simulator.awaitLine(l -> l.trim().startsWith(label), START);
        return line.substring(line.indexOf(label) + label.length()).trim();
    }

    /** From the simulator's ledger: one creation per device, no merge of an id that already existed, nothing else sent. */
    private static void assertEachDeviceCreatedOnceAndNeverMergedAgain(ControlClient control) throws Exception {
        HttpResponse<String> answer = control.get("/ledger");
        assertThat(answer.statusCode()).as("GET /ledger").isEqualTo(200);
        JsonNode ledger = JSON.readTree(answer.body());
        Map<String, Long> creations = new TreeMap<>();
        List<String> duplicateMerges = new ArrayList<>();
        for (JsonNode entry : ledger) {
            String outcome = entry.get("outcome").asText();
            String id = entry.get("providerId").asText();
            if (outcome.equals("CREATED") || outcome.equals("CREATED_REPLY_DROPPED")) {
                creations.merge(id, 1L, Long::sum);
            } else if (outcome.equals("REJECTED") || outcome.equals("UPDATED")) {
                duplicateMerges.add(id + " " + outcome);
            }
        }
        assertThat(duplicateMerges).as("merges of an id that already existed").isEmpty();
        assertThat(creations.keySet()).as("created ids").isEqualTo(
                IntStream.range(0, DEVICES).mapToObj(ScaleOutIT::imei).collect(Collectors.toCollection(TreeSet::new)));
        assertThat(creations.values()).as("creations per id").containsOnly(1L);
    }

    /** device_event names the worker process ("worker-HOST-PID") behind each step: each JVM sent and provisioned some. */
    private static void assertEveryWorkerDidWork(Database db, List<JarProcess> workers) {
        Map<String, Map<String, Integer>> byWorker = new TreeMap<>();
        DatabaseFixture.dsl(db).select(DEVICE_EVENT.WORKER, DEVICE_EVENT.TYPE, DSL.count()).from(DEVICE_EVENT)
                .where(DEVICE_EVENT.WORKER.isNotNull()).groupBy(DEVICE_EVENT.WORKER, DEVICE_EVENT.TYPE)
                .forEach(r -> byWorker.computeIfAbsent(r.value1(), w -> new TreeMap<>()).put(r.value2(), r.value3()));
        for (JarProcess worker : workers) {
            Map<String, Integer> events = byWorker.entrySet().stream().filter(e -> e.getKey().endsWith("-" + worker.pid()))
                    .map(Map.Entry::getValue).findFirst().orElse(Map.of());
            assertThat(events).as("events of %s (pid %d) among %s", worker.name(), worker.pid(), byWorker)
                    .containsKeys(DeviceEvent.Type.SENT.id(), DeviceEvent.Type.PROVISIONED.id());
        }
    }

    private void assertNoSecretInAConsole(List<JarProcess> consoles) {
        for (JarProcess process : consoles) {
            assertThat(process.console()).as("console of %s", process.name())
                    .doesNotContain(FF_PASSWORD).doesNotContain(ADMIN_PASSWORD).doesNotContain(OPERATOR_PASSWORD)
                    .doesNotContain(SECRET_KEY).doesNotContain(DEVICE_PASSWORD);
        }
    }

    private static long count(Database db, DeviceState state) {
        return DatabaseFixture.dsl(db).fetchCount(DEVICE, DEVICE.STATE.eq(state.id()));
    }

    private static Map<String, Long> statesByCount(Database db) {
        return DatabaseFixture.dsl(db).select(DEVICE.STATE, DSL.count()).from(DEVICE).groupBy(DEVICE.STATE)
                .fetchMap(r -> r.value1(), r -> r.value2().longValue());
    }

    private static List<String> terminalStates() {
        return Arrays.stream(DeviceState.values()).filter(DeviceState::terminal).map(DeviceState::id).toList();
    }

    /** Devices [from, to) as a CSV file, each with a password. */
    private static String csv(int from, int to) {
        StringBuilder csv = new StringBuilder("IMEI,Kind,Company,Password,Name\n");
        IntStream.range(from, to).forEach(n -> csv.append(imei(n)).append(",calamp,42,").append(DEVICE_PASSWORD).append(n)
                .append(",Truck ").append(n).append('\n'));
        return csv.toString();
    }

    /** A distinct IMEI with a valid check digit for each number. */
    private static String imei(int n) {
        String body = "35693805" + String.format("%06d", n);
        return body + Ids.luhnCheckDigit(body);
    }

    private static String get(URI uri) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A line per milestone in the test output, so that a slow or failed CI run shows where the time went. */
    private void progress(String milestone) {
        System.out.printf("[ScaleOutIT] %5.1f s: %s%n", (System.nanoTime() - startedAt) / 1e9, milestone);
    }
}
