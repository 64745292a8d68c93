package com.fleetprovisioner.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppConfigTest {
    @Test
    void defaultsAreTheEmbeddedRun() {
        AppConfig config = AppConfig.from(Map.of());
        assertThat(config.httpPort()).isEqualTo(7070);
        assertThat(config.dbUrl()).isEqualTo("jdbc:h2:file:./data/fleet-provisioner");
        assertThat(config.postgres()).isFalse();
        assertThat(config.usesSimulator()).isTrue();
        assertThat(config.workers()).isEqualTo(64);
        assertThat(config.pipeline().maxInFlight()).isEqualTo(64);
        assertThat(config.dbPoolSize()).as("a connection for every job thread, and more").isEqualTo(80);
        assertThat(config.sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.sessionMaxAge()).isEqualTo(Duration.ofHours(12));
        assertThat(config.adminPassword()).isEmpty();
    }

    @Test
    void upTo128JobThreadsAreAcceptedAndThePoolFollowsThem() {
        AppConfig most = AppConfig.from(Map.of("FP_WORKERS", "128"));
        assertThat(most.workers()).isEqualTo(128);
        assertThat(most.dbPoolSize()).isEqualTo(144);
        assertThat(AppConfig.from(Map.of("FP_WORKERS", "96", "FP_DB_POOL_SIZE", "80")).dbPoolSize())
                .as("set apart from the threads").isEqualTo(80);
    }

    @Test
    void intakeLimitsDefaultTo20MegabytesAnd100000RowsAndAreDescribed() {
        AppConfig defaults = AppConfig.from(Map.of());
        assertThat(defaults.intakeMaxBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(defaults.intakeMaxRows()).isEqualTo(100_000);
        AppConfig set = AppConfig.from(Map.of("FP_INTAKE_MAX_BYTES", "5242880", "FP_INTAKE_MAX_ROWS", "5000"));
        assertThat(set.describe()).containsEntry("FP_INTAKE_MAX_BYTES", "5242880").containsEntry("FP_INTAKE_MAX_ROWS", "5000");
    }

    @Test
    void aPostgresUrlSelectsPostgres() {
        AppConfig config = AppConfig.from(Map.of("FP_DB_URL", "jdbc:postgresql://db:5432/fleet", "FP_DB_PASSWORD", "pw"));
        assertThat(config.postgres()).isTrue();
        assertThat(config.dbUser()).isEqualTo("fleet");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FP_HTTP_PORT|seventy|FP_HTTP_PORT must be a whole number",
        "FP_HTTP_PORT|70000|FP_HTTP_PORT must be between 0 and 65535",
        "FP_WORKERS|0|FP_WORKERS must be between 1 and 128",
        "FP_WORKERS|129|FP_WORKERS must be between 1 and 128",
        "FP_DB_URL|jdbc:mysql://x/y|FP_DB_URL must start with jdbc:h2: or jdbc:postgresql:",
        "FP_ADMIN_PASSWORD|short|FP_ADMIN_PASSWORD must be at least 12 characters",
        "FP_TRUST_PROXY|maybe|FP_TRUST_PROXY must be true or false",
        "FP_INTAKE_MAX_BYTES|20MB|FP_INTAKE_MAX_BYTES must be a whole number",
        "FP_INTAKE_MAX_BYTES|100|FP_INTAKE_MAX_BYTES must be between 1024 and 1073741824",
        "FP_INTAKE_MAX_ROWS|0|FP_INTAKE_MAX_ROWS must be between 1 and 10000000",
        "FP_FF_URL|http://example.com|FP_FF_URL must be a ws or wss URL",
        "FP_FF_USERNAME|ops|FP_FF_USERNAME and FP_FF_PASSWORD need FP_FF_URL",
        "FP_SECRET_KEY|dG9vLXNob3J0|FP_SECRET_KEY must be 32 bytes in base64",
        "FP_RETRY_MAX_ATTEMPTS|0|FP_RETRY_MAX_ATTEMPTS must be between 1 and 100",
        "FP_RETRY_BASE_SECONDS|soon|FP_RETRY_BASE_SECONDS must be a whole number",
        "FP_RETRY_MAX_SECONDS|2|FP_RETRY_MAX_SECONDS (2) must not be below FP_RETRY_BASE_SECONDS (5)",
        "FP_SEND_RATE|-1|FP_SEND_RATE must be auto or between 0 and 10000",
        "FP_SEND_RATE|fast|FP_SEND_RATE must be auto or between 0 and 10000",
        "FP_MAX_IN_FLIGHT|0|FP_MAX_IN_FLIGHT must be between 1 and 1000",
        "FP_POLL_SECONDS|1|FP_POLL_SECONDS must be between 5 and 60",
        "FP_JOBRUNR_DASHBOARD_PORT|8000|FP_JOBRUNR_DASHBOARD_PASSWORD must be set",
        "FP_JOBRUNR_DASHBOARD_PASSWORD|short|FP_JOBRUNR_DASHBOARD_PASSWORD must be at least 12 characters",
        "FP_LOG_FORMAT|xml|FP_LOG_FORMAT must be text or json",
        "FP_DIRECTORY_CACHE_SECONDS|0|FP_DIRECTORY_CACHE_SECONDS must be between 1 and 86400",
        "FP_DIRECTORY_CACHE_SECONDS|86401|FP_DIRECTORY_CACHE_SECONDS must be between 1 and 86400",
        "FP_DIRECTORY_CACHE_SECONDS|99999999999999999999|FP_DIRECTORY_CACHE_SECONDS must be a whole number",
        "FP_DIRECTORY_CACHE_SECONDS|5m|FP_DIRECTORY_CACHE_SECONDS must be a whole number",
        "FP_SHUTDOWN_GRACE_SECONDS|-1|FP_SHUTDOWN_GRACE_SECONDS must be between 0 and 3600",
        "FP_WORKER_HEALTH_PORT|http|FP_WORKER_HEALTH_PORT must be a whole number",
        "FP_FF_REPLY_TIMEOUT_SECONDS|0|FP_FF_REPLY_TIMEOUT_SECONDS must be between 1 and 600",
        "FP_FF_CONNECT_TIMEOUT_SECONDS|forever|FP_FF_CONNECT_TIMEOUT_SECONDS must be a whole number",
        "FP_LEASE_SECONDS|154|FP_LEASE_SECONDS (154) must be at least FP_FF_CONNECT_TIMEOUT_SECONDS (30) + FP_FF_REPLY_TIMEOUT_SECONDS (120) + a 5 s margin = 155"
    })
    void aBadValueIsRefusedNamingTheVariable(String name, String value, String message) {
        assertThatThrownBy(() -> AppConfig.from(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @Test
    void aRealEndpointNeedsCredentials() {
        assertThatThrownBy(() -> AppConfig.from(Map.of("FP_FF_URL", "wss://socket.trakit.ca")))
                .hasMessageContaining("FP_FF_USERNAME and FP_FF_PASSWORD must be set");
        AppConfig real = AppConfig.from(Map.of("FP_FF_URL", "wss://socket.trakit.ca",
                "FP_FF_USERNAME", "ops@example.com", "FP_FF_PASSWORD", "s3cret-value"));
        assertThat(real.usesSimulator()).isFalse();
    }

    @Test
    void operationsSettingsAreOffByDefaultAndTheDashboardPasswordIsMasked() {
        OperationsSettings defaults = AppConfig.from(Map.of()).operations();
        assertThat(defaults.dashboardPort()).as("the JobRunr dashboard is off unless asked for").isZero();
        assertThat(defaults.workerHealthPort()).isZero();
        assertThat(defaults.shutdownGrace()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(defaults.logFormat()).isEqualTo("text");
        assertThat(defaults.directoryCache()).isEqualTo(java.time.Duration.ofSeconds(300));
        assertThat(AppConfig.from(Map.of("FP_DIRECTORY_CACHE_SECONDS", "60")).operations().directoryCache())
                .isEqualTo(java.time.Duration.ofSeconds(60));
        AppConfig dashboard = AppConfig.from(Map.of("FP_JOBRUNR_DASHBOARD_PORT", "8000",
                "FP_JOBRUNR_DASHBOARD_PASSWORD", "dashboard-secret-value"));
        assertThat(dashboard.operations().dashboardPassword()).contains("dashboard-secret-value");
        assertThat(dashboard.toString()).doesNotContain("dashboard-secret-value")
                .contains("FP_JOBRUNR_DASHBOARD_PASSWORD=***").contains("FP_JOBRUNR_DASHBOARD_PORT=8000");
    }

    @Test
    void theLoggedDescriptionMasksEverySecret() {
        AppConfig config = AppConfig.from(Map.of(
                "FP_DB_PASSWORD", "db-secret-value",
                "FP_ADMIN_PASSWORD", "admin-secret-value",
                "FP_FF_URL", "wss://socket.trakit.ca",
                "FP_FF_USERNAME", "ops@example.com",
                "FP_FF_PASSWORD", "ff-secret-value"));
        String logged = config.toString() + config.describe();
        assertThat(logged).doesNotContain("db-secret-value", "admin-secret-value", "ff-secret-value")
                .contains("FP_FF_PASSWORD=***").contains("ops@example.com");
    }

    @Test
    void notificationSettingsAreReadValidatedAndTheSmtpPasswordMasked() {
        AppConfig config = AppConfig.from(Map.of("FP_SMTP_HOST", "smtp.example.com", "FP_SMTP_PORT", "2525",
                "FP_SMTP_USERNAME", "mailer", "FP_SMTP_PASSWORD", "smtp-secret-value",
                "FP_PUBLIC_URL", "https://fp.example.com/", "FP_NOTIFY_RETRY_SECONDS", "5"));
        NotificationSettings n = config.notifications();
        assertThat(n.smtpHost()).contains("smtp.example.com");
        assertThat(n.smtpPort()).isEqualTo(2525);
        assertThat(n.publicUrl()).isEqualTo("https://fp.example.com");
        assertThat(n.retryDelay(1)).isEqualTo(java.time.Duration.ofSeconds(5));
        assertThat(n.retryDelay(3)).isEqualTo(java.time.Duration.ofSeconds(20));
        assertThat(n.retryDelay(40)).isEqualTo(NotificationSettings.RETRY_MAX);
        assertThat(config.toString() + config.describe() + n).doesNotContain("smtp-secret-value")
                .contains("FP_SMTP_PASSWORD=***");
        assertThat(AppConfig.from(Map.of()).notifications().smtpHost()).isEmpty();
        assertThatThrownBy(() -> AppConfig.from(Map.of("FP_PUBLIC_URL", "javascript:alert(1)")))
                .hasMessageContaining("FP_PUBLIC_URL");
        assertThatThrownBy(() -> AppConfig.from(Map.of("FP_NOTIFY_MAX_ATTEMPTS", "1000000")))
                .hasMessageContaining("FP_NOTIFY_MAX_ATTEMPTS");
    }

    @Test
    void pipelineSettingsHaveDocumentedDefaultsAndAreDescribed() {
        AppConfig defaults = AppConfig.from(Map.of());
        assertThat(defaults.pipeline()).isEqualTo(com.fleetprovisioner.core.provisioning.PipelineSettings.defaults());
        AppConfig tuned = AppConfig.from(Map.of("FP_RETRY_MAX_ATTEMPTS", "3", "FP_RETRY_BASE_SECONDS", "2",
                "FP_RETRY_MAX_SECONDS", "60", "FP_SEND_RATE", "0", "FP_MAX_IN_FLIGHT", "4"));
        assertThat(tuned.pipeline().maxAttempts()).isEqualTo(3);
        assertThat(tuned.pipeline().retryMax()).isEqualTo(java.time.Duration.ofSeconds(60));
        assertThat(tuned.describe()).containsEntry("FP_SEND_RATE", "0").containsEntry("FP_MAX_IN_FLIGHT", "4")
                .containsEntry("FP_RETRY_BASE_SECONDS", "2").containsKeys("FP_LEASE_SECONDS", "FP_POLL_SECONDS",
                        "FP_SWEEP_SECONDS");
    }

    @Test
    void aLeaseMustOutlastAReconnectAndAReplyWithAMargin() {
        // the old minimum, 5 s, under the 120 s reply timeout: a merge could wait past its lease
        assertThatThrownBy(() -> AppConfig.from(Map.of("FP_LEASE_SECONDS", "5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("FP_LEASE_SECONDS (5) must be at least");
        assertThatThrownBy(() -> AppConfig.from(Map.of("FP_LEASE_SECONDS", "10", "FP_FF_CONNECT_TIMEOUT_SECONDS", "2",
                "FP_FF_REPLY_TIMEOUT_SECONDS", "4")))
                .hasMessageContaining("FP_FF_REPLY_TIMEOUT_SECONDS (4)").hasMessageContaining("= 11");
        AppConfig least = AppConfig.from(Map.of("FP_LEASE_SECONDS", "10", "FP_FF_CONNECT_TIMEOUT_SECONDS", "2",
                "FP_FF_REPLY_TIMEOUT_SECONDS", "3"));
        assertThat(least.pipeline().lease()).isEqualTo(java.time.Duration.ofSeconds(10));
        assertThat(least.pipeline().replyTimeout()).isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(least.describe()).containsEntry("FP_FF_CONNECT_TIMEOUT_SECONDS", "2")
                .containsEntry("FP_FF_REPLY_TIMEOUT_SECONDS", "3");
        var ff = least.pipeline().applyTimeouts(com.fleetprovisioner.fleetfreedom.FleetFreedomConfig.of(
                java.net.URI.create("wss://socket.trakit.ca"), "ops", "pw"));
        assertThat(ff.commandTimeout()).isEqualTo(java.time.Duration.ofSeconds(3));
        assertThat(ff.connectTimeout()).isEqualTo(java.time.Duration.ofSeconds(2));
    }
}
