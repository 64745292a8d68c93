package com.fleetprovisioner.db.testing;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.core.settings.SettingsService;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.Repositories;
import java.time.Clock;

/** The settings service over a test's database, built as the process factories build theirs. */
public final class TestSettings {
    private TestSettings() {
    }

    public static SettingsService service(Database database, SettingsDefaults defaults, SecretBox secrets, Clock clock) {
        Repositories repositories = new Repositories(database);
        return new SettingsService(repositories.settings(), repositories.sendsInProgress(), defaults, secrets,
                repositories.audit(), repositories.transactions(), clock);
    }
}
