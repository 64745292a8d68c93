package com.fleetprovisioner.core.settings;

import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.FleetFreedomApi;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.Request;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A Fleet Freedom session for a web process's own reads (intake's company checks) that follows the
 * settings: when the endpoint or account changes, the next command opens a session with the new one.
 * Only reads go through it, so the old session is simply closed.
 */
public final class FollowingSession implements FleetFreedomApi, AutoCloseable {
    private final Supplier<Settings> settings;
    private FleetFreedomConfig config;
    private SessionSupervisor supervisor;

    public FollowingSession(Supplier<Settings> settings) {
        this.settings = settings;
    }

    @Override
    public <T> CompletableFuture<CommandOutcome<T>> execute(Request<T> request) {
        Optional<SessionSupervisor> current = supervisor(settings.get());
        if (current.isEmpty()) {
            return CompletableFuture.completedFuture(new CommandOutcome.NotSent<>(
                    CommandOutcome.NotSent.Why.NO_CONNECTION,
                    "no Fleet Freedom endpoint is set (FP_FF_URL or the Settings page)"));
        }
        return current.get().execute(request);
    }

    @Override
    public synchronized void reconnectNow() {
        if (supervisor != null) {
            supervisor.reconnectNow();
        }
    }

    private synchronized Optional<SessionSupervisor> supervisor(Settings now) {
        Optional<FleetFreedomConfig> wanted = now.endpoint().isPresent() && now.username().isPresent()
                && now.password().isPresent()
                ? Optional.of(FleetFreedomConfig.of(now.endpoint().get(), now.username().get(), now.password().get()))
                : Optional.empty();
        if (!wanted.equals(Optional.ofNullable(config))) {
            close();
            config = wanted.orElse(null);
            supervisor = wanted.map(SessionSupervisor::new).orElse(null);
            if (supervisor != null) {
                supervisor.start();
            }
        }
        return Optional.ofNullable(supervisor);
    }

    @Override
    public synchronized void close() {
        if (supervisor != null) {
            supervisor.close();
            supervisor = null;
            config = null;
        }
    }
}
