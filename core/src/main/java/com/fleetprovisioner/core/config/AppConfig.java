package com.fleetprovisioner.core.config;

import com.fleetprovisioner.common.Secrets;
import com.fleetprovisioner.core.pacing.SendRate;
import com.fleetprovisioner.core.provisioning.LeaseFence;
import com.fleetprovisioner.core.provisioning.PipelineSettings;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a process is told from outside, read once from environment variables at start,
 * validated (a bad value stops the process with a message naming the variable) and immutable.
 * {@link #describe()} is what is logged: secrets appear only as masks.
 */
public record AppConfig(
        String httpHost,
        int httpPort,
        String dbUrl,
        String dbUser,
        String dbPassword,
        int dbPoolSize,
        Optional<String> adminPassword,
        Optional<URI> ffUrl,
        Optional<String> ffUsername,
        Optional<String> ffPassword,
        int workers,
        boolean trustProxy,
        TrustedProxies trustedProxies,
        Duration sessionIdleTimeout,
        Duration sessionMaxAge,
        int simulatorPort,
        Optional<byte[]> secretKey,
        boolean metricsEnabled,
        int metricsPort,
        OperationsSettings operations,
        long intakeMaxBytes,
        int intakeMaxRows,
        NotificationSettings notifications,
        ExposureSettings exposure,

        PipelineSettings pipeline) {

    public static final String DEFAULT_HTTP_HOST = "127.0.0.1";
    public static final String DEFAULT_DB_URL = "jdbc:h2:file:./data/fleet-provisioner";
    public static final int MIN_PASSWORD_LENGTH = 12;
    public static final int DEFAULT_INTAKE_MAX_BYTES = 20 * 1024 * 1024;
    public static final int DEFAULT_INTAKE_MAX_ROWS = 100_000;
    /**
     * Job threads per worker, and commands in flight per worker: a job thread waits for each answer, so
     * the two are sized together (64 in flight at 50 ms round trips: 640 commands/s).
     */
    public static final int DEFAULT_WORKERS = 64;
    /** Connections beyond FP_WORKERS in the default pool: pages, JobRunr's own polls, the pipeline's timers. */
    public static final int POOL_HEADROOM = 16;

    public static AppConfig fromEnvironment() {
        return from(System.getenv());
    }

    /** For a process's main method: a bad value ends the process with exit code 2 and the message. */
    public static AppConfig fromEnvironmentOrExit() {
        return ConfigException.orExit(AppConfig::fromEnvironment);
    }

    public static AppConfig from(Map<String, String> environment) {
        Env env = new Env(environment);
        String dbUrl = dbUrl(env);
        boolean h2 = dbUrl.startsWith("jdbc:h2:");
        Optional<String> adminPassword = adminPassword(env);
        Optional<URI> ffUrl = env.uri("FP_FF_URL", "ws", "wss");
        Optional<String> ffUsername = env.optional("FP_FF_USERNAME");
        Optional<String> ffPassword = env.optional("FP_FF_PASSWORD");
        requireFleetFreedomTogether(ffUrl, ffUsername, ffPassword);
        int workers = env.integer("FP_WORKERS", DEFAULT_WORKERS, 1, 128);
        return new AppConfig(
                // loopback unless told otherwise: a reverse proxy or the container sets FP_HTTP_HOST=0.0.0.0
                env.string("FP_HTTP_HOST", DEFAULT_HTTP_HOST),
                env.integer("FP_HTTP_PORT", 7070, 0, 65535),
                dbUrl,
                env.string("FP_DB_USER", h2 ? "sa" : "fleet"),
                env.string("FP_DB_PASSWORD", ""),
                // every job thread holds a connection while it records a step; the rest serve pages and timers
                env.integer("FP_DB_POOL_SIZE", workers + POOL_HEADROOM, 2, 200),
                adminPassword,
                ffUrl,
                ffUsername,
                ffPassword,
                workers,
                env.bool("FP_TRUST_PROXY", false),
                TrustedProxies.parse(env.string("FP_TRUSTED_PROXIES", TrustedProxies.DEFAULT)),
                Duration.ofMinutes(env.integer("FP_SESSION_IDLE_MINUTES", 30, 1, 24 * 60)),
                Duration.ofHours(env.integer("FP_SESSION_MAX_HOURS", 12, 1, 24 * 7)),
                env.integer("FP_SIMULATOR_PORT", 0, 0, 65535),
                env.optional("FP_SECRET_KEY").map(AppConfig::secretKey),
                env.bool("FP_METRICS_ENABLED", true),
                env.integer("FP_METRICS_PORT", 0, 0, 65535),
                OperationsSettings.from(env),
                // 1 KB .. 1 GB: the web server's request limit follows this value
                env.integer("FP_INTAKE_MAX_BYTES", DEFAULT_INTAKE_MAX_BYTES, 1024, 1024 * 1024 * 1024),
                env.integer("FP_INTAKE_MAX_ROWS", DEFAULT_INTAKE_MAX_ROWS, 1, 10_000_000),
                NotificationSettings.from(env),
                ExposureSettings.from(env),

                pipeline(env));
    }

    private static String dbUrl(Env env) {
        String dbUrl = env.string("FP_DB_URL", DEFAULT_DB_URL);
        if (!dbUrl.startsWith("jdbc:h2:") && !dbUrl.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("FP_DB_URL must start with jdbc:h2: or jdbc:postgresql:, got '" + dbUrl + "'");
        }
        return dbUrl;
    }

    private static Optional<String> adminPassword(Env env) {
        Optional<String> adminPassword = env.optional("FP_ADMIN_PASSWORD");
        if (adminPassword.isPresent() && adminPassword.get().length() < MIN_PASSWORD_LENGTH) {
            throw new ConfigException("FP_ADMIN_PASSWORD must be at least " + MIN_PASSWORD_LENGTH + " characters long");
        }
        return adminPassword;
    }

    /** A real endpoint needs its account, and an account without an endpoint is a mistake, not the simulator. */
    private static void requireFleetFreedomTogether(Optional<URI> url, Optional<String> username,
                                                    Optional<String> password) {
        if (url.isPresent() && (username.isEmpty() || password.isEmpty())) {
            throw new ConfigException("FP_FF_URL is set, so FP_FF_USERNAME and FP_FF_PASSWORD must be set too");
        }
        if (url.isEmpty() && (username.isPresent() || password.isPresent())) {
            throw new ConfigException("FP_FF_USERNAME and FP_FF_PASSWORD need FP_FF_URL (the Fleet Freedom socket URL)");
        }
    }

    /** Defaults and their reasons are on {@link PipelineSettings}. */
    private static PipelineSettings pipeline(Env env) {
        int base = env.integer("FP_RETRY_BASE_SECONDS", 5, 1, 3600);
        int max = env.integer("FP_RETRY_MAX_SECONDS", 300, 1, 24 * 3600);
        if (max < base) {
            throw new ConfigException("FP_RETRY_MAX_SECONDS (" + max + ") must not be below FP_RETRY_BASE_SECONDS (" + base + ")");
        }
        Duration lease = Duration.ofSeconds(env.integer("FP_LEASE_SECONDS", 300, 5, 3600));
        Duration connect = Duration.ofSeconds(env.integer("FP_FF_CONNECT_TIMEOUT_SECONDS", 30, 1, 600));
        Duration reply = Duration.ofSeconds(env.integer("FP_FF_REPLY_TIMEOUT_SECONDS", 120, 1, 600));
        requireLeaseCovers(lease, connect, reply);
        return new PipelineSettings(
                env.integer("FP_RETRY_MAX_ATTEMPTS", 8, 1, 100),
                Duration.ofSeconds(base),
                Duration.ofSeconds(max),
                sendRate(env),
                env.integer("FP_MAX_IN_FLIGHT", DEFAULT_WORKERS, 1, 1000),
                lease,
                Duration.ofSeconds(env.integer("FP_POLL_SECONDS", 5, 5, 60)),
                Duration.ofSeconds(env.integer("FP_SWEEP_SECONDS", 30, 1, 3600)),
                connect,
                reply);
    }

    /** A lease must outlast a reconnect and a reply with a margin, or a waiting send could never go out safely. */
    private static void requireLeaseCovers(Duration lease, Duration connect, Duration reply) {
        Duration minimum = LeaseFence.minimumLease(connect, reply);
        if (lease.compareTo(minimum) < 0) {
            throw new ConfigException("FP_LEASE_SECONDS (" + lease.toSeconds() + ") must be at least "
                    + "FP_FF_CONNECT_TIMEOUT_SECONDS (" + connect.toSeconds() + ") + FP_FF_REPLY_TIMEOUT_SECONDS ("
                    + reply.toSeconds() + ") + a " + LeaseFence.MARGIN.toSeconds() + " s margin = "
                    + minimum.toSeconds() + ": a worker must still hold a device when its answer comes."
                    + " Raise FP_LEASE_SECONDS or lower the timeouts.");
        }
    }

    /** {@code auto} (the default) adapts to Fleet Freedom; 0 is unpaced; a number fixes the rate of all workers. */
    private static int sendRate(Env env) {
        Optional<String> raw = env.optional("FP_SEND_RATE");
        try {
            return raw.map(SendRate::parse).orElse(SendRate.AUTO);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("FP_SEND_RATE must be auto or between 0 and " + SendRate.MAX + ", got '"
                    + raw.get() + "'");
        }
    }

    private static byte[] secretKey(String base64) {
        try {
            byte[] key = java.util.Base64.getDecoder().decode(base64);
            if (key.length == 32) {
                return key;
            }
        } catch (IllegalArgumentException notBase64) {
            // reported below
        }
        throw new ConfigException("FP_SECRET_KEY must be 32 bytes in base64 (openssl rand -base64 32)");
    }

    public boolean postgres() {
        return dbUrl.startsWith("jdbc:postgresql:");
    }

    /** True when no real Fleet Freedom endpoint is configured: the app then talks to its own simulator. */
    public boolean usesSimulator() {
        return ffUrl.isEmpty();
    }

    /** The configuration as logged at start: every setting, secrets masked. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("FP_HTTP_HOST", httpHost);
        out.put("FP_HTTP_PORT", Integer.toString(httpPort));
        out.put("FP_DB_URL", dbUrl);
        out.put("FP_DB_USER", dbUser);
        out.put("FP_DB_PASSWORD", Secrets.mask(dbPassword));
        out.put("FP_DB_POOL_SIZE", Integer.toString(dbPoolSize));
        out.put("FP_ADMIN_PASSWORD", Secrets.mask(adminPassword.orElse(null)));
        out.put("FP_FF_URL", ffUrl.map(URI::toString).orElse("(unset: built-in simulator)"));
        out.put("FP_FF_USERNAME", ffUsername.orElse("(unset)"));
        out.put("FP_FF_PASSWORD", Secrets.mask(ffPassword.orElse(null)));
        out.put("FP_WORKERS", Integer.toString(workers));
        out.put("FP_TRUST_PROXY", Boolean.toString(trustProxy));
        out.put("FP_TRUSTED_PROXIES", trustedProxies.toString());
        out.put("FP_SESSION_IDLE_MINUTES", Long.toString(sessionIdleTimeout.toMinutes()));
        out.put("FP_SESSION_MAX_HOURS", Long.toString(sessionMaxAge.toHours()));
        out.put("FP_SIMULATOR_PORT", Integer.toString(simulatorPort));
        out.put("FP_SECRET_KEY", secretKey.isPresent() ? Secrets.MASK : "(unset)");
        out.put("FP_METRICS_ENABLED", Boolean.toString(metricsEnabled));
        out.put("FP_METRICS_PORT", metricsPort == 0 ? "(the web port)" : Integer.toString(metricsPort));
        out.putAll(operations.describe());
        out.put("FP_INTAKE_MAX_BYTES", Long.toString(intakeMaxBytes));
        out.put("FP_INTAKE_MAX_ROWS", Integer.toString(intakeMaxRows));
        out.putAll(pipeline.describe());
        out.putAll(notifications.describe());
        out.putAll(exposure.describe());
        return out;
    }

    @Override
    public String toString() {
        return "AppConfig" + describe();
    }
}
