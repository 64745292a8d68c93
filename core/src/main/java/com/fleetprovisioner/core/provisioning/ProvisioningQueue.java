package com.fleetprovisioner.core.provisioning;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The job queue the workers read; the device table stays the source of truth (state, lease, next
 * attempt), a job only says "look at these devices now". Called after the transaction that queued the
 * devices committed; a crash in between loses nothing, because the sweeper wakes devices left without a
 * job. Jobs carry device ids (or a range of them) only.
 */
public interface ProvisioningQueue {
    /** The queued device ids of a batch, read from the device table a chunk at a time, ascending. */
    @FunctionalInterface
    interface QueuedIds {
        void forEachChunk(Consumer<List<Long>> chunk);
    }

    /** Work for the devices as they are now: asking twice for the same state is one job. */
    void enqueue(Collection<Long> deviceIds);

    /**
     * Work for devices whose earlier job ended while they still wait and whose row did not change since
     * (a paused batch resumed, a stop lifted, a worker handing devices back): a new job each time.
     */
    void wake(Collection<Long> deviceIds);

    /**
     * Work for every queued device of a batch just submitted. By default each chunk of {@code queued} is
     * enqueued; a queue whose jobs read the device table themselves hands the batch out in a few ranges of
     * ids instead and never reads the ids one by one.
     */
    default void enqueueBatch(long batchId, QueuedIds queued) {
        queued.forEachChunk(this::enqueue);
    }
}
