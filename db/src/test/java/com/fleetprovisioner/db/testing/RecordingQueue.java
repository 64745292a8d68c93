package com.fleetprovisioner.db.testing;

import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** A queue that runs nothing: it keeps the ids asked for (enqueued or woken) for the test to look at. */
public final class RecordingQueue implements ProvisioningQueue {
    private final List<Long> asked = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void enqueue(Collection<Long> deviceIds) {
        asked.addAll(deviceIds);
    }

    @Override
    public void wake(Collection<Long> deviceIds) {
        asked.addAll(deviceIds);
    }

    /** The live list of every id asked for, in order. */
    public List<Long> asked() {
        return asked;
    }
}
