package com.fleetprovisioner.worker;

import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.ConnectionStatus;
import com.fleetprovisioner.fleetfreedom.FleetFreedomApi;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.PauseGate;
import com.fleetprovisioner.fleetfreedom.Request;
import com.fleetprovisioner.fleetfreedom.SendBudget;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.core.provisioning.ServerClock;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's Fleet Freedom connection. A {@link SessionSupervisor} stops for good on an account
 * problem (it must not keep retrying bad credentials); once an admin resumes the pipeline the
 * supervisor is replaced by a fresh one. When an admin changes the endpoint, account or pacing, a
 * supervisor with the new configuration takes every new command while the old one finishes the
 * commands it already holds (their answers still come from the server they were sent to) and closes.
 * Every supervisor shares one {@link PauseGate} and one {@link SendBudget}.
 */
public final class FleetFreedomConnection implements FleetFreedomApi, ServerClock, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FleetFreedomConnection.class);

    private final PauseGate pauseGate;
    private final SendBudget budget;
    private final Clock clock;
    private volatile Session session;

    /** Paced by the configuration's own rate, for this process alone. */
    public FleetFreedomConnection(FleetFreedomConfig config, Clock clock) {
        this(config, SendBudget.perClient(config.commandsPerSecond()), clock);
    }

    /** @param budget the send budget every session of this process draws on (shared with other processes) */
    public FleetFreedomConnection(FleetFreedomConfig config, SendBudget budget, Clock clock) {
        this.clock = clock;
        this.pauseGate = new PauseGate(clock);
        this.budget = budget;
        this.session = new Session(config);
    }

    /** One supervisor and the commands it still has to answer. */
    private final class Session {
        final FleetFreedomConfig config;
        final Instant openedAt;
        final SessionSupervisor supervisor;
        final AtomicInteger busy = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        volatile boolean retired;

        Session(FleetFreedomConfig config) {
            this.config = config;
            this.openedAt = clock.instant();
            this.supervisor = new SessionSupervisor(config, pauseGate, budget, clock);
            supervisor.start();
        }

        <T> CompletableFuture<CommandOutcome<T>> execute(Request<T> request) {
            busy.incrementAndGet();
            return supervisor.execute(request).whenComplete((outcome, error) -> {
                if (busy.decrementAndGet() == 0 && retired) {
                    close();
                }
            });
        }

        void retire() {
            retired = true;
            if (busy.get() == 0) {
                close();
            }
        }

        void close() {
            if (closed.compareAndSet(false, true)) {
                supervisor.close();
            }
        }
    }

    @Override
    public <T> CompletableFuture<CommandOutcome<T>> execute(Request<T> request) {
        return session.execute(request);
    }

    /** Without a measured offset (no session yet) the local clock is the best we have. */
    @Override
    public Instant toServerTime(Instant local) {
        return session.supervisor.currentClient().map(c -> c.toServerTime(local)).orElse(local);
    }

    public ConnectionStatus status() {
        return session.supervisor.status();
    }

    /** When the session in use was opened (at start, after a resume, after a change of settings). */
    public Instant sessionOpenedAt() {
        return session.openedAt;
    }

    public FleetFreedomConfig config() {
        return session.config;
    }

    public PauseGate pauseGate() {
        return pauseGate;
    }

    /** A fresh session after an admin resumed; the old supervisor is closed. */
    public synchronized void replace() {
        Session old = session;
        session = new Session(old.config);
        old.retire();
    }

    /**
     * Follows changed settings: nothing happens when {@code next} equals the configuration in use;
     * otherwise new commands go to a new session and the old one closes once its commands are answered.
     */
    public synchronized void reconfigure(FleetFreedomConfig next) {
        Session old = session;
        if (old.config.equals(next)) {
            return;
        }
        log.info("Settings changed: Fleet Freedom connection now {} (was {})", next, old.config);
        session = new Session(next);
        old.retire();
    }

    @Override
    public synchronized void close() {
        session.close();
    }
}
