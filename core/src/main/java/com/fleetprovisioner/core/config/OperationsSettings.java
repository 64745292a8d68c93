package com.fleetprovisioner.core.config;

import com.fleetprovisioner.common.Secrets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the processes behave in production, apart from the pipeline: shutdown, the worker's health port,
 * the JobRunr dashboard, the log format and how long abandoned drafts are kept.
 *
 * <p>JobRunr's dashboard binds to every interface (its web server takes a port, not a host), so it
 * cannot be kept on localhost: it is off by default, and turning it on requires a password.
 *
 * @param shutdownGrace      how long a stopping worker lets sends already on the wire finish
 * @param workerHealthPort   0 = off; else the worker serves {@code /health/live} and {@code /health/ready} there
 * @param dashboardPort      0 = off; else the JobRunr dashboard of the worker, behind basic authentication
 * @param dashboardPassword  required when {@code dashboardPort} is set (user name {@link #DASHBOARD_USER})
 * @param logFormat          {@code text} or {@code json}
 * @param draftRetention     drafts untouched this long are discarded by the worker; zero = kept forever
 * @param directoryCache     how long the pickers keep Fleet Freedom's company and configuration lists
 */
public record OperationsSettings(Duration shutdownGrace, int workerHealthPort, int dashboardPort,
        Optional<String> dashboardPassword, String logFormat, Duration draftRetention, Duration directoryCache) {
    public static final String DASHBOARD_USER = "operator";

    static OperationsSettings from(Env env) {
        int dashboardPort = env.integer("FP_JOBRUNR_DASHBOARD_PORT", 0, 0, 65535);
        Optional<String> password = env.optional("FP_JOBRUNR_DASHBOARD_PASSWORD");
        if (dashboardPort != 0 && password.isEmpty()) {
            throw new ConfigException("FP_JOBRUNR_DASHBOARD_PORT is set, so FP_JOBRUNR_DASHBOARD_PASSWORD must be set"
                    + " too: JobRunr's dashboard listens on every interface and shows every job");
        }
        if (password.isPresent() && password.get().length() < AppConfig.MIN_PASSWORD_LENGTH) {
            throw new ConfigException("FP_JOBRUNR_DASHBOARD_PASSWORD must be at least " + AppConfig.MIN_PASSWORD_LENGTH
                    + " characters long");
        }
        String format = env.string("FP_LOG_FORMAT", "text");
        if (!format.equals("text") && !format.equals("json")) {
            throw new ConfigException("FP_LOG_FORMAT must be text or json, got '" + format + "'");
        }
        return new OperationsSettings(Duration.ofSeconds(env.integer("FP_SHUTDOWN_GRACE_SECONDS", 30, 0, 3600)),
                env.integer("FP_WORKER_HEALTH_PORT", 0, 0, 65535), dashboardPort, password, format,
                Duration.ofDays(env.integer("FP_DRAFT_RETENTION_DAYS", 14, 0, 3650)),
                Duration.ofSeconds(env.integer("FP_DIRECTORY_CACHE_SECONDS", 300, 1, 86_400)));
    }

    /** What is logged at start-up, in the order of the README's table; the password only as a mask. */
    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("FP_SHUTDOWN_GRACE_SECONDS", Long.toString(shutdownGrace().toSeconds()));
        out.put("FP_WORKER_HEALTH_PORT", workerHealthPort() == 0 ? "(off)"
                : Integer.toString(workerHealthPort()));
        out.put("FP_JOBRUNR_DASHBOARD_PORT", dashboardPort() == 0 ? "(off)"
                : Integer.toString(dashboardPort()));
        out.put("FP_JOBRUNR_DASHBOARD_PASSWORD", Secrets.mask(dashboardPassword().orElse(null)));
        out.put("FP_LOG_FORMAT", logFormat());
        out.put("FP_DRAFT_RETENTION_DAYS", draftRetention().isZero() ? "(kept)"
                : Long.toString(draftRetention().toDays()));
        out.put("FP_DIRECTORY_CACHE_SECONDS", Long.toString(directoryCache().toSeconds()));
        return out;
    }
}
