package com.fleetprovisioner.bench;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.NotificationSettings;
import com.fleetprovisioner.core.pacing.SendRate;
import com.fleetprovisioner.core.provisioning.PipelineSettings;
import com.fleetprovisioner.core.settings.SettingKey;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.Repositories;
import com.fleetprovisioner.db.testing.TestSettings;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.worker.ProvisioningWorker;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A worker for a pipeline benchmark, started as production starts one (following the settings page), with
 * the benchmark's pipeline values and Fleet Freedom account as the defaults in force (nothing is saved).
 */
final class BenchWorker {
    private BenchWorker() {
    }

    static ProvisioningWorker start(String name, int threads, PipelineSettings settings, Database db, JobStorage jobs,
            SecretBox secrets, FleetFreedomConfig fleetFreedom, Clock clock) {
        Map<SettingKey, String> defaults = new EnumMap<>(SettingKey.class);
        defaults.put(SettingKey.ENDPOINT, fleetFreedom.endpoint().toString());
        defaults.put(SettingKey.USERNAME, fleetFreedom.username());
        defaults.put(SettingKey.PASSWORD, fleetFreedom.password());
        defaults.put(SettingKey.SEND_RATE, SendRate.format(settings.sendRate()));
        defaults.put(SettingKey.MAX_IN_FLIGHT, Integer.toString(settings.maxInFlight()));
        defaults.put(SettingKey.MAX_ATTEMPTS, Integer.toString(settings.maxAttempts()));
        defaults.put(SettingKey.RETRY_BASE, Long.toString(settings.retryBase().toSeconds()));
        defaults.put(SettingKey.RETRY_MAX, Long.toString(settings.retryMax().toSeconds()));
        return ProvisioningWorker.start(name, threads, settings, new Repositories(db), jobs, secrets, fleetFreedom, clock,
                TestSettings.service(db, new SettingsDefaults(defaults, Optional.empty()), secrets, clock),
                NotificationSettings.defaults());
    }
}
