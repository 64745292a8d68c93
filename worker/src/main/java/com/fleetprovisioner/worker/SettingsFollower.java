package com.fleetprovisioner.worker;

import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.provisioning.PipelineSettings;
import com.fleetprovisioner.core.provisioning.RetryPolicy;
import com.fleetprovisioner.core.settings.Settings;
import com.fleetprovisioner.core.settings.SettingsService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a running worker follow the settings page, every few seconds: when the stored version moved,
 * the retry policy applies to the next attempts and the connection takes the new endpoint, account,
 * send rate and in-flight cap (see {@link FleetFreedomConnection#reconfigure}).
 */
final class SettingsFollower implements Runnable, Supplier<RetryPolicy> {
    private static final Logger log = LoggerFactory.getLogger(SettingsFollower.class);

    private final SettingsService settings;
    private final PipelineSettings base;
    private final FleetFreedomConfig baseConnection;
    private final FleetFreedomConnection connection;
    private final AtomicReference<RetryPolicy> retry;
    private volatile long applied;

    SettingsFollower(SettingsService settings, Settings initial, PipelineSettings base,
            FleetFreedomConfig baseConnection, FleetFreedomConnection connection) {
        this.settings = settings;
        this.base = base;
        this.baseConnection = baseConnection;
        this.connection = connection;
        this.retry = new AtomicReference<>(initial.retryPolicy(base));
        this.applied = initial.version();
    }

    long appliedVersion() {
        return applied;
    }

    @Override
    public RetryPolicy get() {
        return retry.get();
    }

    @Override
    public void run() {
        try {
            if (settings.version() == applied) {
                return;
            }
            Settings next = settings.current();
            retry.set(next.retryPolicy(base));
            next.fleetFreedom(baseConnection).ifPresentOrElse(connection::reconfigure,
                    () -> log.warn("Settings name no Fleet Freedom endpoint; keeping {}", connection.config().endpoint()));
            applied = next.version();
            log.info("Applied settings version {}: {}", next.version(), next);
        } catch (RuntimeException e) {
            log.warn("Could not read the settings; trying again shortly", e);
        }
    }
}
