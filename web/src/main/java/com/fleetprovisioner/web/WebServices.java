package com.fleetprovisioner.web;

import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.auth.ApiTokenService;
import com.fleetprovisioner.core.auth.AuthService;
import com.fleetprovisioner.core.auth.LoginThrottle;
import com.fleetprovisioner.core.auth.PasswordHasher;
import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.provisioning.BatchControlService;
import com.fleetprovisioner.core.provisioning.DeviceRepository;
import com.fleetprovisioner.core.provisioning.DeviceStatistics;
import com.fleetprovisioner.core.provisioning.PipelineState;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.audit.JooqAuditLog;
import com.fleetprovisioner.db.auth.JooqApiTokenRepository;
import com.fleetprovisioner.db.auth.JooqLoginThrottleRepository;
import com.fleetprovisioner.db.auth.JooqSessionRepository;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.JooqDeviceRepository;
import com.fleetprovisioner.db.device.JooqDeviceStatistics;
import com.fleetprovisioner.db.pipeline.JooqPipelineState;
import com.fleetprovisioner.db.queue.JobRunrProvisioningQueue;
import com.fleetprovisioner.db.queue.JobStorage;
import java.time.Clock;

/** The domain services the web process uses, wired by constructor over the database. */
public record WebServices(
        Clock clock,
        AuditLog audit,
        AuthService auth,
        UserService users,
        ApiTokenService tokens,
        DeviceStatistics statistics,
        SecretBox secrets,
        ProvisioningQueue queue,
        DeviceRepository devices,
        PipelineState pipeline,
        BatchControlService batchControl) {

    /** The queue only enqueues (JobRunr's tables): jobs run in the worker. */
    public static WebServices create(AppConfig config, Database database, JobStorage jobs, SecretBox secrets,
            Clock clock) {
        var dsl = database.dsl();
        var userRepository = new JooqUserRepository(dsl);
        var sessions = new JooqSessionRepository(dsl);
        var audit = new JooqAuditLog(dsl);
        var hasher = new PasswordHasher();
        var queue = new JobRunrProvisioningQueue(jobs, dsl, clock);
        var devices = new JooqDeviceRepository(dsl);
        var pipeline = new JooqPipelineState(dsl);
        var throttle = new LoginThrottle(new JooqLoginThrottleRepository(dsl), clock);
        return new WebServices(
                clock,
                audit,
                new AuthService(userRepository, sessions, throttle, hasher, audit, clock,
                        config.sessionIdleTimeout(), config.sessionMaxAge()),
                new UserService(userRepository, sessions, hasher, audit, database.transactions(), clock),
                new ApiTokenService(new JooqApiTokenRepository(dsl), audit, clock),
                new JooqDeviceStatistics(dsl),
                secrets,
                queue,
                devices,
                pipeline,
                new BatchControlService(devices, pipeline, queue, audit, database.transactions(), clock));
    }
}
