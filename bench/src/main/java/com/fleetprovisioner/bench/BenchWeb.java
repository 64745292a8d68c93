package com.fleetprovisioner.bench;

import com.fleetprovisioner.core.auth.PasswordHasher;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.intake.CompanyDirectory;
import com.fleetprovisioner.core.intake.FleetFreedomDirectory;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.Repositories;
import com.fleetprovisioner.db.testing.TestSettings;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.queue.reconcile.JobRunrReconcileJobs;
import com.fleetprovisioner.web.WebServices;
import java.time.Clock;

/**
 * The web's services for a page benchmark: the product's, with the company list and queue the benchmark gives.
 * Not through {@code WebApp}: it checks companies with Fleet Freedom and enqueues into JobRunr, which would put
 * a Fleet Freedom session and job writes into what a page benchmark measures.
 */
final class BenchWeb {
    private BenchWeb() {
    }

    static WebServices services(AppConfig config, Database database, JobStorage jobs, CompanyDirectory companies,
            ProvisioningQueue queue) {
        SecretBox secrets = SecretBox.random();
        Clock clock = Clock.systemUTC();
        return WebServices.create(config, new Repositories(database), secrets, clock, companies, queue,
                new JobRunrReconcileJobs(jobs), TestSettings.service(database, SettingsDefaults.from(config), secrets, clock),
                new PasswordHasher(), FleetFreedomDirectory.none(clock));
    }
}
