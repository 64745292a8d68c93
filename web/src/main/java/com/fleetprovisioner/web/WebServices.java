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
import com.fleetprovisioner.core.intake.CorrectionService;
import com.fleetprovisioner.core.notify.NotificationAdmin;
import com.fleetprovisioner.core.settings.LiveSettings;
import com.fleetprovisioner.core.settings.SettingsService;
import com.fleetprovisioner.core.billing.BillingReport;
import com.fleetprovisioner.core.pacing.SendRateStatus;
import com.fleetprovisioner.core.provisioning.EventStatistics;
import com.fleetprovisioner.core.reconcile.ReconcileJobs;
import com.fleetprovisioner.core.reconcile.ReconcileService;
import com.fleetprovisioner.db.Repositories;
import java.time.Clock;
import java.util.function.Supplier;

/** The domain services the web process uses, wired by constructor over the repositories. */
public record WebServices(
        Clock clock,
        AuditLog audit,
        AuthService auth,
        UserService users,
        ApiTokenService tokens,
        DeviceStatistics statistics,
        EventStatistics events,
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
        Supplier<SendRateStatus> sendRate,
        NotificationAdmin notifications,
        CorrectionService corrections,
        PreSessions preSessions,
        PasswordChange passwordChange,
        FleetFreedomDirectory directory,
        CompanyDirectory companies,
        UserLanguage languages,
        BillingReport billing,
        ReconcileService reconciliations) {

    /**
     * The web's services over the repositories: the one place they are built, for {@link WebApp} and the
     * tests' servers (which bring their own queue, clock and hasher).
     *
     * @param companies the Fleet Freedom company list intake and reconciliation check against
     * @param queue     the job queue (JobRunr's tables): told the ids of devices queued, after the commit;
     *                  the web process only enqueues, jobs run in the worker
     * @param reconcileJobs where a reconciliation run is handed to the worker
     * @param hasher    the password hasher with its bound (a test's may be smaller than the heap's)
     * @param directory what the pickers offer: the account's companies and their configurations
     */
    public static WebServices create(AppConfig config, Repositories repositories, SecretBox secrets, Clock clock,
            CompanyDirectory companies, ProvisioningQueue queue, ReconcileJobs reconcileJobs, SettingsService settings,
            PasswordHasher hasher, FleetFreedomDirectory directory) {
        var r = repositories;
        var tx = r.transactions();
        var throttle = new LoginThrottle(r.loginThrottle(), clock);
        var intake = new IntakeService(tx, r.batches(), r.deviceIntake(), companies,
                new SheetFiles(IntakeLimits.from(config)), secrets, r.audit(), clock);
        return new WebServices(
                clock,
                r.audit(),
                new AuthService(r.users(), r.sessions(), throttle, hasher, r.audit(), clock,
                        config.sessionIdleTimeout(), config.sessionMaxAge(), new KnownDevices(secrets, clock)),
                new UserService(r.users(), r.sessions(), r.apiTokens(), hasher, r.audit(), tx, clock),
                new ApiTokenService(r.apiTokens(), r.audit(), clock),
                r.deviceStatistics(),
                r.eventStatistics(),
                r.history(),
                r.historyTotals(),
                r.deviceSearch(),
                secrets,
                intake,
                new SubmitService(tx, r.batches(), r.deviceIntake(), intake, secrets, queue, r.audit(), clock),
                new ProblemsExport(r.batches()),
                r.devices(),
                r.pipelineState(),
                new BatchControlService(r.devices(), r.pipelineState(), queue, r.audit(), tx, clock),
                r.batchListing(),
                settings,
                new LiveSettings(settings),
                () -> SendRateStatus.of(r.sendBudget(), () -> settings.current().sendRate()),
                new NotificationAdmin(r.notifications(), secrets, r.audit(), clock),
                new CorrectionService(tx, r.devices(), intake, secrets, queue, r.audit(), clock),
                new PreSessions(r.preSessions(), clock),
                new PasswordChange(r.users(), r.sessions(), r.apiTokens(), throttle, hasher, r.audit(), tx, clock),
                directory,
                companies,
                new UserLanguage(r.userLanguages(), r.audit(), clock),
                r.billingReport(),
                new ReconcileService(r.reconcile(), reconcileJobs, companies, tx, r.audit(), clock));
    }
}
