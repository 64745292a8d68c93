package com.fleetprovisioner.worker;

import com.fleetprovisioner.core.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.core.fleetfreedom.ConnectionStatus;
import com.fleetprovisioner.core.fleetfreedom.FleetFreedomApi;
import com.fleetprovisioner.core.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.core.fleetfreedom.PauseGate;
import com.fleetprovisioner.core.fleetfreedom.Request;
import com.fleetprovisioner.core.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.core.provisioning.ServerClock;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * This process's Fleet Freedom connection. A {@link SessionSupervisor} stops for good on an account
 * problem (it must not keep retrying bad credentials); once an admin resumes the pipeline the
 * supervisor is replaced by a fresh one. Every supervisor shares one {@link PauseGate}.
 */
public final class FleetFreedomConnection implements FleetFreedomApi, ServerClock, AutoCloseable {
    private final FleetFreedomConfig config;
    private final PauseGate pauseGate;
    private final Clock clock;
    private volatile SessionSupervisor supervisor;

    public FleetFreedomConnection(FleetFreedomConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.pauseGate = new PauseGate(clock);
        this.supervisor = started();
    }

    private SessionSupervisor started() {
        SessionSupervisor s = new SessionSupervisor(config, pauseGate, clock);
        s.start();
        return s;
    }

    @Override
    public <T> CompletableFuture<CommandOutcome<T>> execute(Request<T> request) {
        return supervisor.execute(request);
    }

    /** Without a measured offset (no session yet) the local clock is the best we have. */
    @Override
    public Instant toServerTime(Instant local) {
        return supervisor.currentClient().map(c -> c.toServerTime(local)).orElse(local);
    }

    public ConnectionStatus status() {
        return supervisor.status();
    }

    public PauseGate pauseGate() {
        return pauseGate;
    }

    /** A fresh session after an admin resumed; the old supervisor is closed. */
    public synchronized void replace() {
        SessionSupervisor old = supervisor;
        supervisor = started();
        old.close();
    }

    @Override
    public void close() {
        supervisor.close();
    }
}
