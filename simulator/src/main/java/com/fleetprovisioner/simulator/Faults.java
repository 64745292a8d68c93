package com.fleetprovisioner.simulator;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** The faults in force, changeable at run time (tests, control API). */
public final class Faults {

    private final AtomicReference<FaultSettings> settings;

    Faults(FaultSettings initial) {
        this.settings = new AtomicReference<>(initial);
    }

    public FaultSettings get() {
        return settings.get();
    }

    public void set(FaultSettings next) {
        settings.set(next);
    }

    public void update(UnaryOperator<FaultSettings> change) {
        settings.updateAndGet(change);
    }

    /** Back to no faults at all. */
    public void reset() {
        settings.set(FaultSettings.none());
    }
}
