package com.fleetprovisioner.core.settings;

import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.notify.SmtpServer;
import com.fleetprovisioner.core.provisioning.PipelineSettings;
import com.fleetprovisioner.core.provisioning.RetryPolicy;
import com.fleetprovisioner.core.reconcile.ReconcileSchedule;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The values in force: the environment's, overridden by what an admin saved. {@code version} changes
 * with every save, so a process can tell cheaply whether it must re-read them.
 *
 * @param simulator true when the target is a simulator: the built-in one, or an endpoint an admin
 *                  marked as one; no real device is added there
 * @param smtp      where notification emails go; empty: no emails (webhooks still go)
 * @param reconcileSchedule when a reconciliation of the account's company runs by itself (off by default)
 */
public record Settings(Optional<URI> endpoint, Optional<String> username, Optional<String> password,
        boolean simulator, Optional<Long> defaultCompany, int sendRate, int maxInFlight, int maxAttempts,
        int retryBaseSeconds, int retryMaxSeconds, Optional<SmtpServer> smtp, ReconcileSchedule reconcileSchedule,
        long version) {

    /** Without a reconciliation schedule (off). */
    public Settings(Optional<URI> endpoint, Optional<String> username, Optional<String> password, boolean simulator,
            Optional<Long> defaultCompany, int sendRate, int maxInFlight, int maxAttempts, int retryBaseSeconds,
            int retryMaxSeconds, Optional<SmtpServer> smtp, long version) {
        this(endpoint, username, password, simulator, defaultCompany, sendRate, maxInFlight, maxAttempts,
                retryBaseSeconds, retryMaxSeconds, smtp, ReconcileSchedule.OFF, version);
    }

    /** The pipeline's pacing and retry values replaced by these; lease and timings stay as configured. */
    public PipelineSettings applyTo(PipelineSettings base) {
        return base.withPacing(sendRate, maxInFlight)
                .withRetry(maxAttempts, Duration.ofSeconds(retryBaseSeconds), Duration.ofSeconds(retryMaxSeconds));
    }

    public RetryPolicy retryPolicy(PipelineSettings base) {
        return RetryPolicy.of(applyTo(base));
    }

    /**
     * The connection to open: {@code base}'s timeouts and user agent with this endpoint, account and
     * pacing. Empty when no endpoint is known (a standalone process without FP_FF_URL or a saved one).
     */
    public Optional<FleetFreedomConfig> fleetFreedom(FleetFreedomConfig base) {
        if (endpoint.isEmpty() || username.isEmpty() || password.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(base.withAccount(endpoint.get(), username.get(), password.get())
                .withPacing(sendRate, maxInFlight));
    }

    /** An endpoint and a whole account are known: Fleet Freedom may be asked something. */
    public boolean fleetFreedomAccountSet() {
        return endpoint.isPresent() && username.isPresent() && password.isPresent();
    }

    /** Same server and same login: unknown outcomes may still be checked there. */
    public boolean sameAccount(Settings other) {
        return endpoint.equals(other.endpoint) && username.equals(other.username);
    }

    @Override
    public String toString() {
        return "Settings[endpoint=" + endpoint + ", username=" + username + ", password="
                + (password.isPresent() ? "***" : "(unset)") + ", simulator=" + simulator + ", defaultCompany="
                + defaultCompany + ", sendRate=" + sendRate + ", maxInFlight=" + maxInFlight + ", maxAttempts="
                + maxAttempts + ", retryBaseSeconds=" + retryBaseSeconds + ", retryMaxSeconds=" + retryMaxSeconds
                + ", smtp=" + smtp + ", reconcileSchedule=" + reconcileSchedule + ", version=" + version + "]";
    }
}
