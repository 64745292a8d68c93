package com.fleetprovisioner.core.config;

import com.fleetprovisioner.common.Backoff;
import com.fleetprovisioner.common.Secrets;
import com.fleetprovisioner.core.notify.SmtpServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Emails and webhooks sent when a batch ends or the pipeline stops: the SMTP server (no host = no
 * emails, webhooks still go), the address links in events point to, and how deliveries are retried
 * (exponential backoff from {@code retryBase}, capped at an hour, {@code maxAttempts} tries in all).
 */
public record NotificationSettings(Optional<String> smtpHost, int smtpPort, Optional<String> smtpUsername,
        Optional<String> smtpPassword, String smtpFrom, boolean smtpStartTls, String publicUrl, int maxAttempts,
        Duration retryBase, Duration scanInterval) {
    public static final Duration RETRY_MAX = Duration.ofHours(1);

    /** No SMTP server, links to localhost, the production retry policy. */
    public static NotificationSettings defaults() {
        return from(new Env(Map.of()));
    }

    static NotificationSettings from(Env env) {
        String publicUrl = env.uri("FP_PUBLIC_URL", "http", "https").map(Object::toString).orElse("http://localhost:7070");
        return new NotificationSettings(env.optional("FP_SMTP_HOST"), env.integer("FP_SMTP_PORT", SmtpServer.DEFAULT_PORT, 1, 65535),
                env.optional("FP_SMTP_USERNAME"), env.optional("FP_SMTP_PASSWORD"),
                env.string("FP_SMTP_FROM", SmtpServer.DEFAULT_FROM), env.bool("FP_SMTP_STARTTLS", true),
                publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl,
                env.integer("FP_NOTIFY_MAX_ATTEMPTS", 8, 1, 50),
                Duration.ofSeconds(env.integer("FP_NOTIFY_RETRY_SECONDS", 30, 1, 3600)),
                Duration.ofSeconds(env.integer("FP_NOTIFY_SCAN_SECONDS", 10, 1, 3600)));
    }

    /** The same settings with another SMTP server and retry base; for tests and the one-JVM app's callers. */
    public NotificationSettings withSmtp(String host, int port, Optional<String> username, Optional<String> password,
            boolean startTls) {
        return new NotificationSettings(Optional.of(host), port, username, password, smtpFrom, startTls, publicUrl,
                maxAttempts, retryBase, scanInterval);
    }

    public NotificationSettings withRetry(int attempts, Duration base, Duration scan) {
        return new NotificationSettings(smtpHost, smtpPort, smtpUsername, smtpPassword, smtpFrom, smtpStartTls,
                publicUrl, attempts, base, scan);
    }

    public NotificationSettings withPublicUrl(String url) {
        return new NotificationSettings(smtpHost, smtpPort, smtpUsername, smtpPassword, smtpFrom, smtpStartTls, url,
                maxAttempts, retryBase, scanInterval);
    }

    /** The SMTP server of the environment; the settings page may override it (see {@code Settings#smtp}). */
    public Optional<SmtpServer> smtpServer() {
        return smtpHost.map(host -> new SmtpServer(host, smtpPort, smtpUsername, smtpPassword, smtpFrom, smtpStartTls));
    }

    /** The delay before attempt {@code attempt + 1}: base, 2 × base, 4 × base ... capped at an hour. */
    public Duration retryDelay(int attempt) {
        return Backoff.doubled(retryBase, RETRY_MAX, attempt - 1);
    }

    Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("FP_SMTP_HOST", smtpHost.orElse("(unset: no emails)"));
        out.put("FP_SMTP_PORT", Integer.toString(smtpPort));
        out.put("FP_SMTP_USERNAME", smtpUsername.orElse("(unset)"));
        out.put("FP_SMTP_PASSWORD", Secrets.mask(smtpPassword.orElse(null)));
        out.put("FP_SMTP_FROM", smtpFrom);
        out.put("FP_SMTP_STARTTLS", Boolean.toString(smtpStartTls));
        out.put("FP_PUBLIC_URL", publicUrl);
        out.put("FP_NOTIFY_MAX_ATTEMPTS", Integer.toString(maxAttempts));
        out.put("FP_NOTIFY_RETRY_SECONDS", Long.toString(retryBase.toSeconds()));
        out.put("FP_NOTIFY_SCAN_SECONDS", Long.toString(scanInterval.toSeconds()));
        return out;
    }

    @Override
    public String toString() {
        return "NotificationSettings" + describe();
    }
}
