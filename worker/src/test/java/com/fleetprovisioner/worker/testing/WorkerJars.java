package com.fleetprovisioner.worker.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Worker processes from the shaded jar ({@code target/fleet-provisioner-worker.jar}), each its own JVM
 * with a small heap, sharing the harness's PostgreSQL database and reaching its simulator over a socket.
 * Closing stops every one still running.
 */
public final class WorkerJars implements AutoCloseable {
    public static final Path JAR = Path.of("target", "fleet-provisioner-worker.jar");

    private final List<Process> started = new ArrayList<>();

    /** The environment of a worker of {@code h}: its database, simulator, account and key; tune with put. */
    public static Map<String, String> environment(PipelineHarness h) throws Exception {
        Map<String, String> env = new HashMap<>();
        try (var connection = h.db.dataSource().getConnection()) {
            var meta = connection.getMetaData();
            env.put("FP_DB_URL", meta.getURL());
            env.put("FP_DB_USER", meta.getUserName());
        }
        env.put("FP_DB_PASSWORD", com.fleetprovisioner.db.testing.TestDatabases.postgres().password());
        env.put("FP_FF_URL", h.simulator.webSocketUri().toString());
        env.put("FP_FF_USERNAME", "ops@example.com");
        env.put("FP_FF_PASSWORD", "secret");
        env.put("FP_SECRET_KEY", Base64.getEncoder().encodeToString(h.secretKey));
        env.put("FP_SWEEP_SECONDS", "2");
        return env;
    }

    /** Starts one worker that closing stops; its output goes to {@code target/<name>.log}. */
    public Process start(Map<String, String> env, String name) throws IOException {
        Process p = launch(env, name);
        started.add(p);
        return p;
    }

    /** Starts one worker the caller looks after (and may kill); its output goes to {@code target/<name>.log}. */
    public static Process launch(Map<String, String> env, String name) throws IOException {
        Path log = Path.of("target", name + ".log");
        Files.deleteIfExists(log);
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("FP_"));
        builder.environment().putAll(env);
        return builder.start();
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : started) {
            p.destroy();
        }
        for (Process p : started) {
            p.waitFor();
        }
    }
}
