package com.fleetprovisioner.db;

import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.auth.ApiTokenRepository;
import com.fleetprovisioner.core.auth.LoginThrottleRepository;
import com.fleetprovisioner.core.auth.PreSessionRepository;
import com.fleetprovisioner.core.auth.SessionRepository;
import com.fleetprovisioner.core.auth.UserLanguageRepository;
import com.fleetprovisioner.core.auth.UserRepository;
import com.fleetprovisioner.core.billing.BillingReport;
import com.fleetprovisioner.core.common.Transactions;
import com.fleetprovisioner.core.history.DeviceHistory;
import com.fleetprovisioner.core.history.HistoryTotals;
import com.fleetprovisioner.core.intake.BatchListing;
import com.fleetprovisioner.core.intake.BatchRepository;
import com.fleetprovisioner.core.notify.NotificationRepository;
import com.fleetprovisioner.core.pacing.SendBudgetStore;
import com.fleetprovisioner.core.provisioning.DeviceIntake;
import com.fleetprovisioner.core.provisioning.DeviceRepository;
import com.fleetprovisioner.core.provisioning.DeviceStatistics;
import com.fleetprovisioner.core.provisioning.EventStatistics;
import com.fleetprovisioner.core.provisioning.PipelineState;
import com.fleetprovisioner.core.provisioning.QueueReads;
import com.fleetprovisioner.core.reconcile.ReconcileRepository;
import com.fleetprovisioner.core.search.DeviceSearch;
import com.fleetprovisioner.core.settings.SendsInProgress;
import com.fleetprovisioner.core.settings.SettingsRepository;
import com.fleetprovisioner.db.audit.JooqAuditLog;
import com.fleetprovisioner.db.auth.JooqApiTokenRepository;
import com.fleetprovisioner.db.auth.JooqLoginThrottleRepository;
import com.fleetprovisioner.db.auth.JooqPreSessionRepository;
import com.fleetprovisioner.db.auth.JooqSessionRepository;
import com.fleetprovisioner.db.auth.JooqUserLanguageRepository;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.billing.JooqBillingReport;
import com.fleetprovisioner.db.batch.BatchLifecycle;
import com.fleetprovisioner.db.device.DeviceCounters;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.db.device.JooqDeviceRepository;
import com.fleetprovisioner.db.device.JooqDeviceStatistics;
import com.fleetprovisioner.db.device.JooqEventStatistics;
import com.fleetprovisioner.db.device.JooqQueueReads;
import com.fleetprovisioner.db.history.JooqDeviceHistory;
import com.fleetprovisioner.db.history.JooqHistoryTotals;
import com.fleetprovisioner.db.batch.JooqBatchListing;
import com.fleetprovisioner.db.batch.JooqBatchRepository;
import com.fleetprovisioner.db.notify.JooqNotificationRepository;
import com.fleetprovisioner.db.pacing.JooqSendBudgetStore;
import com.fleetprovisioner.db.pipeline.JooqPipelineState;
import com.fleetprovisioner.db.reconcile.JooqReconcileRepository;
import com.fleetprovisioner.db.search.IdMatcher;
import com.fleetprovisioner.db.search.JooqDeviceSearch;
import com.fleetprovisioner.db.settings.JooqSettingsRepository;

/**
 * Every repository over one {@link Database}, as the core ports they implement: the one way the other
 * modules reach SQL, so that no jOOQ type leaves this module. The repositories hold no state of their
 * own beyond the shared jOOQ context; each is built once here.
 */
public final class Repositories {
    private final Database database;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final PreSessionRepository preSessions;
    private final LoginThrottleRepository loginThrottle;
    private final ApiTokenRepository apiTokens;
    private final UserLanguageRepository userLanguages;
    private final AuditLog audit;
    private final BatchRepository batches;
    private final BatchListing batchListing;
    private final DeviceIntake deviceIntake;
    private final DeviceRepository devices;
    private final DeviceStatistics deviceStatistics;
    private final EventStatistics eventStatistics;
    private final DeviceHistory history;
    private final HistoryTotals historyTotals;
    private final DeviceSearch deviceSearch;
    private final PipelineState pipelineState;
    private final SendBudgetStore sendBudget;
    private final BillingReport billingReport;
    private final ReconcileRepository reconcile;
    private final NotificationRepository notifications;
    private final JooqSettingsRepository settings;
    private final QueueReads queueReads;
    private final DeviceCounters counters;
    private final BatchLifecycle batchLifecycle;

    public Repositories(Database database) {
        var dsl = database.dsl();
        var idMatcher = new IdMatcher(dsl);
        this.database = database;
        this.users = new JooqUserRepository(dsl);
        this.sessions = new JooqSessionRepository(dsl);
        this.preSessions = new JooqPreSessionRepository(dsl);
        this.loginThrottle = new JooqLoginThrottleRepository(dsl);
        this.apiTokens = new JooqApiTokenRepository(dsl);
        this.userLanguages = new JooqUserLanguageRepository(dsl);
        this.audit = new JooqAuditLog(dsl);
        this.batches = new JooqBatchRepository(dsl);
        this.batchListing = new JooqBatchListing(dsl);
        this.deviceIntake = new JooqDeviceIntake(dsl);
        this.devices = new JooqDeviceRepository(dsl);
        this.deviceStatistics = new JooqDeviceStatistics(dsl);
        this.eventStatistics = new JooqEventStatistics(dsl);
        this.history = new JooqDeviceHistory(dsl, idMatcher);
        this.historyTotals = new JooqHistoryTotals(dsl);
        this.deviceSearch = new JooqDeviceSearch(dsl, idMatcher);
        this.pipelineState = new JooqPipelineState(dsl);
        this.sendBudget = new JooqSendBudgetStore(dsl);
        this.billingReport = new JooqBillingReport(dsl);
        this.reconcile = new JooqReconcileRepository(dsl);
        this.notifications = new JooqNotificationRepository(dsl);
        this.settings = new JooqSettingsRepository(dsl);
        this.queueReads = new JooqQueueReads(dsl);
        this.counters = new DeviceCounters(dsl);
        this.batchLifecycle = new BatchLifecycle(dsl);
    }

    /** The database these repositories work on: its pool, schema and health. */
    public Database database() {
        return database;
    }

    /** Work that must commit or roll back whole, across repositories. */
    public Transactions transactions() {
        return database.transactions();
    }

    public UserRepository users() {
        return users;
    }

    public SessionRepository sessions() {
        return sessions;
    }

    public PreSessionRepository preSessions() {
        return preSessions;
    }

    public LoginThrottleRepository loginThrottle() {
        return loginThrottle;
    }

    public ApiTokenRepository apiTokens() {
        return apiTokens;
    }

    public UserLanguageRepository userLanguages() {
        return userLanguages;
    }

    public AuditLog audit() {
        return audit;
    }

    public BatchRepository batches() {
        return batches;
    }

    public BatchListing batchListing() {
        return batchListing;
    }

    public DeviceIntake deviceIntake() {
        return deviceIntake;
    }

    public DeviceRepository devices() {
        return devices;
    }

    public DeviceStatistics deviceStatistics() {
        return deviceStatistics;
    }

    public EventStatistics eventStatistics() {
        return eventStatistics;
    }

    public DeviceHistory history() {
        return history;
    }

    public HistoryTotals historyTotals() {
        return historyTotals;
    }

    public DeviceSearch deviceSearch() {
        return deviceSearch;
    }

    public PipelineState pipelineState() {
        return pipelineState;
    }

    public SendBudgetStore sendBudget() {
        return sendBudget;
    }

    public BillingReport billingReport() {
        return billingReport;
    }

    public ReconcileRepository reconcile() {
        return reconcile;
    }

    public NotificationRepository notifications() {
        return notifications;
    }

    public SettingsRepository settings() {
        return settings;
    }

    /** The settings page's guard: how many sends are in flight when the endpoint is changed. */
    public SendsInProgress sendsInProgress() {
        return settings;
    }

    public QueueReads queueReads() {
        return queueReads;
    }

    /** The per-batch device counters, whose deltas a worker folds. */
    public DeviceCounters counters() {
        return counters;
    }

    /** Batch states that follow from their devices' (sending, completed), settled by a worker. */
    public BatchLifecycle batchLifecycle() {
        return batchLifecycle;
    }
}
