package com.fleetprovisioner.bench;

import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.NewProvider;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.DatabaseUrl;
import com.fleetprovisioner.db.testing.TestDatabases;
import com.fleetprovisioner.simulator.FaultSettings;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * End to end through the shipped app jar, as the issue measures it: the jar started as its own JVM (H2
 * file database, or a fresh database on the embedded PostgreSQL with {@code -Dfp.bench.db=postgres}),
 * pointed at a simulator (in this JVM) that answers every command after 50 ms; a generated CSV uploaded
 * and submitted through the API; timed from the submit request until the batch has no device left to
 * do. In the same run and against the same simulator, a sequential client sends one {@code mergeProvider}
 * at a time and waits for each answer (the shell loop the product must beat). The simulator's ledger
 * then says how many providers were created more than once.
 *
 * <p>Arguments: the jar, devices per product run (2000), devices for the sequential client (200), then
 * any number of configurations, each a comma-separated list of {@code FP_*=value} ({@code defaults} for
 * none). {@code -Dfp.bench.appJvmOptions="..."} adds JVM options to the app's command line (a flight
 * recording, say).
 */
public final class PipelineJarBench {
    private static final Pattern REMAINING = Pattern.compile("\"remaining\":(\\d+)");
    private static final Pattern PROVISIONED = Pattern.compile("\"provisioned\":(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final Pattern BATCH_ID = Pattern.compile("\"batchId\":(\\d+)");
    private static final String PASSWORD = "pipeline-bench-admin-password";
    private static final long LATENCY_MILLIS = 50;
    /**
     * How often the batch's progress is read ({@code -Dfp.bench.pollMillis}, 200 by default). The live
     * batch page reads it every 2 s. The end is seen up to one interval late (half of one on average,
     * 0.5 % of a 20 s run). A poll costs next to nothing since progress is read from the counters'
     * readings (ProgressSamples); a jar older than that paid a few ms of CPU per poll, so comparing with
     * one wants the same interval for both (1,000 was the default then).
     */
    private static final long POLL_MILLIS = Long.getLong("fp.bench.pollMillis", 200);

    /**
     * Devices of a batch provisioned, untimed, before the timed one ({@code -Dfp.bench.warmupDevices}, none by
     * default): the timed batch then meets a JVM that has compiled its code, as a server that has been running
     * does, instead of one that spends a third of a core on its JIT compiler throughout a 20 s run (JFR).
     */
    private static final int WARMUP_DEVICES = Integer.getInteger("fp.bench.warmupDevices", 0);
    /**
     * Worker processes started beside the app, on its database ({@code -Dfp.bench.extraWorkers}, none by
     * default; PostgreSQL only): the worker jar ({@code -Dfp.bench.workerJar}) with the app's configuration,
     * so that a batch is worked by the app's job threads and theirs together.
     */
    private static final int EXTRA_WORKERS = Integer.getInteger("fp.bench.extraWorkers", 0);
    /**
     * Worker processes started as the timed batch's submit answers ({@code -Dfp.bench.lateWorkers}, none by
     * default; PostgreSQL only), as an operator adds workers to finish a large batch sooner: the batch's ranges
     * were cut for the threads running before, and share their rest with the new ones.
     */
    private static final int LATE_WORKERS = Integer.getInteger("fp.bench.lateWorkers", 0);
    /** The warm-up batch's ids are numbered from here, apart from the timed batch's. */
    private static final long WARMUP_FIRST_ID = 900_000_000_000L;

    record Result(String configuration, int devices, double seconds, double perSecond, long provisioned,
            long duplicates) {
    }

    private PipelineJarBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        int devices = Integer.parseInt(args[1]);
        int sequentialDevices = Integer.parseInt(args[2]);
        List<String> configurations = args.length > 3 ? List.of(args).subList(3, args.length) : List.of("defaults");
        String db = System.getProperty("fp.bench.db", "h2");
        try (Simulator simulator = Simulator.start(SimulatorConfig.builder()
                .faults(FaultSettings.none().withLatency(LATENCY_MILLIS, LATENCY_MILLIS)).build())) {
            double sequential = sequential(simulator, sequentialDevices);
            System.out.printf("sequential client: %.1f devices/s%n", sequential);
            List<Result> results = new ArrayList<>();
            for (String configuration : configurations) {
                Result r = run(jar, simulator, devices, configuration);
                System.out.println(r);
                results.add(r);
            }
            System.out.printf("| database | configuration | devices | seconds | devices/s | × sequential (%.1f/s) |"
                    + " provisioned | duplicate merges |%n", sequential);
            System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
            for (Result r : results) {
                System.out.printf("| %s | %s | %,d | %.1f | %.1f | %.1f× | %d | %d |%n", db, r.configuration(), r.devices(),
                        r.seconds(), r.perSecond(), r.perSecond() / sequential, r.provisioned(), r.duplicates());
            }
        }
    }

    /** One mergeProvider at a time, each answered before the next is sent; devices per second. */
    static double sequential(Simulator simulator, int devices) throws Exception {
        try (SessionSupervisor client = new SessionSupervisor(FleetFreedomConfig.of(simulator.webSocketUri(),
                SimulatorConfig.DEMO_USER.username(), SimulatorConfig.DEMO_USER.password()).withPacing(0, 1))) {
            client.start();
            client.connected().get(30, TimeUnit.SECONDS);
            long start = System.nanoTime();
            for (int i = 0; i < devices; i++) {
                var outcome = client.mergeProvider(NewProvider.of(String.format("35693803%07d", i), "calamp", 42)).join();
                if (!(outcome instanceof CommandOutcome.Success<?>)) {
                    throw new IllegalStateException("sequential client: " + outcome);
                }
            }
            return devices / ((System.nanoTime() - start) / 1e9);
        }
    }

    static Result run(Path jar, Simulator simulator, int devices, String configuration) throws Exception {
        Path dir = Files.createTempDirectory("fp-pipeline-bench");
        Path csv = SubmitBench.writeCsv(dir.resolve("devices.csv"), devices);
        Path console = dir.resolve("console.log");
        int port = SubmitBench.freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g"));
        String jvmOptions = System.getProperty("fp.bench.appJvmOptions", "").trim();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(console.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(v -> v.startsWith("FP_"));
        env.put("FP_HTTP_PORT", Integer.toString(port));
        env.put("FP_HTTP_HOST", "127.0.0.1");
        env.put("FP_ADMIN_PASSWORD", PASSWORD);
        env.put("FP_FF_URL", simulator.webSocketUri().toString());
        env.put("FP_FF_USERNAME", SimulatorConfig.DEMO_USER.username());
        env.put("FP_FF_PASSWORD", SimulatorConfig.DEMO_USER.password());
        env.putAll(settings(configuration));
        if ("postgres".equals(System.getProperty("fp.bench.db"))) {
            DatabaseUrl database = TestDatabases.freshUrl(DatabaseKind.POSTGRES);
            env.put("FP_DB_URL", database.url());
            env.put("FP_DB_USER", database.user());
            env.put("FP_DB_PASSWORD", database.password());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            env.put("FP_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        }
        Process process = builder.start();
        List<Process> workers = new ArrayList<>();
        try {
            SubmitBench.awaitRunning(console, process);
            for (int i = 0; i < EXTRA_WORKERS; i++) {
                workers.add(startWorker(dir.resolve("worker-" + i + ".log"), env));
            }
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + port);
            String token = SubmitBench.find(TOKEN, SubmitBench.post(http, base.resolve("/api/v1/tokens"), null,
                    "application/json", HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\""
                            + PASSWORD + "\",\"name\":\"bench\"}")).body());
            if (WARMUP_DEVICES > 0) {
                Provisioned warm = provision(http, base, token,
                        SubmitBench.writeCsv(dir.resolve("warmup.csv"), WARMUP_DEVICES, WARMUP_FIRST_ID), process, console,
                        () -> { });
                System.out.printf("warm-up batch: %d devices in %.1f s, untimed%n", WARMUP_DEVICES, warm.seconds());
            }
            Provisioned timed = provision(http, base, token, csv, process, console, () -> {
                for (int i = 0; i < LATE_WORKERS; i++) {
                    workers.add(startWorker(dir.resolve("late-worker-" + i + ".log"), env));
                }
            });
            double seconds = timed.seconds();
            String batch = timed.batch();
            System.out.println("provisioned over time:" + timed.timeline());
            long provisioned = Long.parseLong(SubmitBench.find(PROVISIONED, batch));
            long duplicates = simulator.ledger().createdMoreThanOnce().size();
            return new Result(configuration, devices, seconds, devices / seconds, provisioned, duplicates);
        } finally {
            for (Process worker : workers) {
                worker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A worker process with the app's configuration (its database included), once it runs its job threads. */
    private static Process startWorker(Path console, Map<String, String> appEnv) throws Exception {
        if (!"postgres".equals(System.getProperty("fp.bench.db"))) {
            throw new IllegalArgumentException(
                    "-Dfp.bench.extraWorkers needs -Dfp.bench.db=postgres (one database, several processes)");
        }
        Path jar = Path.of(System.getProperty("fp.bench.workerJar", "worker/target/fleet-provisioner-worker.jar"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-jar", jar.toAbsolutePath().toString())
                .directory(console.getParent().toFile()).redirectErrorStream(true).redirectOutput(console.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(v -> v.startsWith("FP_"));
        appEnv.forEach((k, v) -> {
            if (k.startsWith("FP_") && !k.startsWith("FP_HTTP_") && !k.equals("FP_ADMIN_PASSWORD")) {
                env.put(k, v);
            }
        });
        env.put("FP_WORKER_HEALTH_PORT", Integer.toString(SubmitBench.freePort()));
        Process worker = builder.start();
        try {
            SubmitBench.awaitLine(console, worker, "Worker running with", "a worker");
            return worker;
        } catch (Exception e) {
            worker.destroyForcibly();
            throw e;
        }
    }

    private record Provisioned(double seconds, String batch, String timeline) {
    }

    /** What the bench does as the submit answers, while the batch is being provisioned. */
    @FunctionalInterface
    private interface AfterSubmit {
        void run() throws Exception;
    }

    /**
     * Uploads the file, submits it and polls until no device of the batch is left to do: timed from the submit
     * request, with the batch's last progress and how many devices were provisioned at each poll.
     */
    private static Provisioned provision(HttpClient http, URI base, String token, Path csv, Process process, Path console,
            AfterSubmit afterSubmit) throws Exception {
        String boundary = UUID.randomUUID().toString();
        HttpResponse<String> upload = SubmitBench.post(http, base.resolve("/api/v1/batches"), token,
                "multipart/form-data; boundary=" + boundary, SubmitBench.multipart(boundary, csv));
        if (upload.statusCode() != 201) {
            throw new IllegalStateException("upload answered " + upload.statusCode() + ": " + upload.body());
        }
        String batchId = SubmitBench.find(BATCH_ID, upload.body());
        long start = System.nanoTime();
        HttpResponse<String> submit = SubmitBench.post(http, base.resolve("/api/v1/batches/" + batchId + "/submit"),
                token, "application/json", HttpRequest.BodyPublishers.ofString("{}"));
        if (submit.statusCode() / 100 != 2) {
            throw new IllegalStateException("submit answered " + submit.statusCode() + ": " + submit.body());
        }
        String batch;
        StringBuilder timeline = new StringBuilder(String.format(" submit answered at %.1fs;", (System.nanoTime() - start) / 1e9));
        afterSubmit.run();
        do {
            Thread.sleep(POLL_MILLIS);
            batch = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/batches/" + batchId))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (!process.isAlive()) {
                throw new IllegalStateException("the app died; console in " + console);
            }
            timeline.append(String.format(" %.1fs:%s", (System.nanoTime() - start) / 1e9,
                    SubmitBench.find(PROVISIONED, batch)));
        } while (Long.parseLong(SubmitBench.find(REMAINING, batch)) > 0);
        return new Provisioned((System.nanoTime() - start) / 1e9, batch, timeline.toString());
    }

    private static Map<String, String> settings(String configuration) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!configuration.equals("defaults")) {
            for (String pair : configuration.split(",")) {
                String[] kv = pair.split("=", 2);
                out.put(kv[0].trim(), kv[1].trim());
            }
        }
        return out;
    }
}
