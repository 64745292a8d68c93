package com.fleetprovisioner.web;

import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.auth.ApiTokenService;
import com.fleetprovisioner.core.auth.AuthService;
import com.fleetprovisioner.core.auth.KnownDevices;
import com.fleetprovisioner.core.auth.LoginThrottle;
import com.fleetprovisioner.core.auth.PasswordChange;
import com.fleetprovisioner.core.auth.PreSessions;
import com.fleetprovisioner.core.auth.PasswordHasher;
import com.fleetprovisioner.core.auth.UserLanguage;
import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.history.DeviceHistory;
import com.fleetprovisioner.core.history.HistoryTotals;
import com.fleetprovisioner.core.search.DeviceSearch;
import com.fleetprovisioner.core.intake.BatchListing;
import com.fleetprovisioner.core.intake.CompanyDirectory;
import com.fleetprovisioner.core.intake.FleetFreedomDirectory;
import com.fleetprovisioner.core.intake.IntakeLimits;
import com.fleetprovisioner.core.intake.IntakeService;
import com.fleetprovisioner.core.intake.ProblemsExport;
import com.fleetprovisioner.core.intake.SheetFiles;
import com.fleetprovisioner.core.intake.SubmitService;
import com.fleetprovisioner.core.provisioning.BatchControlService;
import com.fleetprovisioner.core.provisioning.DeviceRepository;
import com.fleetprovisioner.core.provisioning.DeviceStatistics;
import com.fleetprovisioner.core.provisioning.PipelineState;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.core.intake.CorrectionService;
import com.fleetprovisioner.core.notify.NotificationAdmin;
import com.fleetprovisioner.db.audit.JooqAuditLog;
import com.fleetprovisioner.db.notify.JooqNotificationRepository;
import com.fleetprovisioner.db.auth.JooqApiTokenRepository;
import com.fleetprovisioner.db.auth.JooqLoginThrottleRepository;
import com.fleetprovisioner.db.auth.JooqPreSessionRepository;
import com.fleetprovisioner.db.auth.JooqSessionRepository;
import com.fleetprovisioner.db.auth.JooqUserLanguageRepository;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.device.JooqDeviceRepository;
import com.fleetprovisioner.db.device.JooqDeviceStatistics;
import com.fleetprovisioner.db.history.JooqDeviceHistory;
import com.fleetprovisioner.db.history.JooqHistoryTotals;
import com.fleetprovisioner.db.search.IdMatcher;
import com.fleetprovisioner.db.search.JooqDeviceSearch;
import com.fleetprovisioner.db.intake.JooqBatchListing;
import com.fleetprovisioner.db.intake.JooqBatchRepository;
import com.fleetprovisioner.db.pipeline.JooqPipelineState;
import com.fleetprovisioner.core.settings.LiveSettings;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.core.settings.SettingsService;
import com.fleetprovisioner.db.settings.JooqSettingsRepository;
import java.time.Clock;

/** The domain services the web process uses, wired by constructor over the database. */
public record WebServices(
        Clock clock,
        AuditLog audit,
        AuthService auth,
        UserService users,
        ApiTokenService tokens,
        DeviceStatistics statistics,
        DeviceHistory history,
        HistoryTotals historyTotals,
        DeviceSearch deviceSearch,
        SecretBox secrets,
        IntakeService intake,
        SubmitService submissions,
        ProblemsExport exports,
        DeviceRepository devices,
        PipelineState pipeline,
        BatchControlService batchControl,
        BatchListing batchListing,
        SettingsService settings,
        LiveSettings liveSettings,
        NotificationAdmin notifications,
        CorrectionService corrections,
        PreSessions preSessions,
        PasswordChange passwordChange,
        FleetFreedomDirectory directory,
        CompanyDirectory companies,
        UserLanguage languages) {

    /**
     * @param companies the Fleet Freedom company list intake checks rows against
     * @param queue     the job queue (JobRunr's tables): told the ids of devices queued, after the commit;
     *                  the web process only enqueues, jobs run in the worker
     */
    public static WebServices create(AppConfig config, Database database, SecretBox secrets, Clock clock,
            CompanyDirectory companies, ProvisioningQueue queue) {
        return create(config, database, secrets, clock, companies, queue,
                JooqSettingsRepository.service(database, SettingsDefaults.from(config), secrets, clock));
    }

    /** @param settings the run-time settings, shared with the worker in the one-JVM app */
    public static WebServices create(AppConfig config, Database database, SecretBox secrets, Clock clock,
            CompanyDirectory companies, ProvisioningQueue queue, SettingsService settings) {
        return create(config, database, secrets, clock, companies, queue, settings, new PasswordHasher());
    }

    /** @param hasher the password hasher with its bound (a test's may be smaller than the heap's) */
    public static WebServices create(AppConfig config, Database database, SecretBox secrets, Clock clock,
            CompanyDirectory companies, ProvisioningQueue queue, SettingsService settings, PasswordHasher hasher) {
        return create(config, database, secrets, clock, companies, queue, settings, hasher,
                FleetFreedomDirectory.none(clock));
    }

    /** @param directory what the pickers offer: the account's companies and their configurations */
    public static WebServices create(AppConfig config, Database database, SecretBox secrets, Clock clock,
            CompanyDirectory companies, ProvisioningQueue queue, SettingsService settings, PasswordHasher hasher,
            FleetFreedomDirectory directory) {
        var dsl = database.dsl();
        var userRepository = new JooqUserRepository(dsl);
        var sessions = new JooqSessionRepository(dsl);
        var audit = new JooqAuditLog(dsl);
        var throttle = new LoginThrottle(new JooqLoginThrottleRepository(dsl), clock);
        var batches = new JooqBatchRepository(dsl);
        var deviceIntake = new JooqDeviceIntake(dsl);
        var intake = new IntakeService(database.transactions(), batches, deviceIntake, companies,
                new SheetFiles(IntakeLimits.from(config)), secrets, audit, clock);
        var devices = new JooqDeviceRepository(dsl);
        var pipeline = new JooqPipelineState(dsl);
        var tokens = new JooqApiTokenRepository(dsl);
        var idMatcher = new IdMatcher(dsl);
        return new WebServices(
                clock,
                audit,
                new AuthService(userRepository, sessions, throttle, hasher, audit, clock,
                        config.sessionIdleTimeout(), config.sessionMaxAge(), new KnownDevices(secrets, clock)),
                new UserService(userRepository, sessions, tokens, hasher, audit, database.transactions(), clock),
                new ApiTokenService(tokens, audit, clock),
                new JooqDeviceStatistics(dsl),
                new JooqDeviceHistory(dsl, idMatcher),
                new JooqHistoryTotals(dsl),
                new JooqDeviceSearch(dsl, idMatcher),
                secrets,
                intake,
                new SubmitService(database.transactions(), batches, deviceIntake, intake, secrets, queue, audit, clock),
                new ProblemsExport(batches),
                devices,
                pipeline,
                new BatchControlService(devices, pipeline, queue, audit, database.transactions(), clock),
                new JooqBatchListing(dsl),
                settings,
                new LiveSettings(settings),
                new NotificationAdmin(new JooqNotificationRepository(dsl), secrets, audit, clock),
                new CorrectionService(database.transactions(), devices, intake, secrets, queue, audit, clock),
                new PreSessions(new JooqPreSessionRepository(dsl), clock),
                new PasswordChange(userRepository, sessions, tokens, throttle, hasher, audit, database.transactions(),
                        clock),
                directory,
                companies,
                new UserLanguage(new JooqUserLanguageRepository(dsl), audit, clock));
    }
}
