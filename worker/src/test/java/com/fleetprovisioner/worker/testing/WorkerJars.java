package com.fleetprovisioner.worker.testing;

import com.fleetprovisioner.worker.testing.JarProcess.Launch;
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

    private final List<JarProcess> started = new ArrayList<>();

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
    public JarProcess start(Map<String, String> env, String name) {
        JarProcess p = launch(env, name);
        started.add(p);
        return p;
    }

    /** Starts one worker the caller looks after (and may kill); its output goes to {@code target/<name>.log}. */
    public static JarProcess launch(Map<String, String> env, String name) {
        return JarProcess.start(Launch.of(JAR, Path.of("."), env).withJvmOptions("-Xmx256m")
                .withLog(Path.of("target", name + ".log")));
    }

    @Override
    public void close() {
        started.forEach(JarProcess::close);
    }
}
