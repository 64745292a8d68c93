package com.fleetprovisioner.core.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The device rows as the pipeline and its operators change them. Every method joins the caller's transaction.
 * An attempt's own writes — {@link #lease} and the event-carrying {@code markSending} and {@code finish} — are
 * atomic by themselves, so the pipeline calls them without one: a repository that needs several statements
 * runs them in a transaction of its own; one that writes each in a single statement runs it in autocommit
 * (on PostgreSQL that saves a COMMIT round trip per write, three per device).
 */
public interface DeviceRepository {

    /**
     * Takes the lease with one conditional update: the device must be queued, retrying or sending with
     * an expired lease (its worker died), due, and its batch not paused. Empty = someone else has it,
     * it is terminal, not due or paused: the caller finishes quietly.
     */
    Optional<LeasedDevice> lease(long deviceId, String owner, Instant now, Instant until);

    /**
     * The write-ahead mark before {@code mergeProvider} is handed to the client: sent_at and
     * outcome_unknown, so that a crash from here on leads to a reconcile, never to a blind resend. Only
     * while {@code owner} still holds a live lease; false = lease lost, do not send.
     */
    boolean markSending(long deviceId, String owner, Instant now, Instant leaseUntil);

    /** Ends the attempt and releases the lease; false when the lease was no longer ours. */
    boolean finish(long deviceId, String owner, DeviceUpdate update, Instant now);

    /**
     * {@link #markSending(long, String, Instant, Instant)} and the attempt's events with it: {@code events}
     * are written whatever the outcome, {@code ifMarked} only with the mark, in this order. A repository
     * may do it all in one statement (one round trip instead of two). This default is atomic only inside
     * the caller's transaction: an implementation overrides it with one that is atomic by itself.
     */
    default boolean markSending(long deviceId, String owner, Instant now, Instant leaseUntil, List<DeviceEvent> events,
            DeviceEvent ifMarked) {
        boolean marked = markSending(deviceId, owner, now, leaseUntil);
        append(marked ? withLast(events, ifMarked) : events);
        return marked;
    }

    /**
     * {@link #finish(long, String, DeviceUpdate, Instant)} and the attempt's events with it: {@code events}
     * are written whatever the outcome, {@code ifFinished} only when the attempt was still ours, in this
     * order. A repository may do it all in one statement. As for {@code markSending}, the default is atomic
     * only inside the caller's transaction.
     */
    default boolean finish(long deviceId, String owner, DeviceUpdate update, Instant now, List<DeviceEvent> events,
            DeviceEvent ifFinished) {
        boolean finished = finish(deviceId, owner, update, now);
        append(finished ? withLast(events, ifFinished) : events);
        return finished;
    }

    private static List<DeviceEvent> withLast(List<DeviceEvent> events, DeviceEvent last) {
        List<DeviceEvent> all = new java.util.ArrayList<>(events);
        all.add(last);
        return all;
    }

    void append(DeviceEvent event);

    /** Several events in one statement, in this order. */
    default void append(List<DeviceEvent> events) {
        events.forEach(this::append);
    }

    /**
     * Queued devices of a batch with ids in {@code (afterId, toId]}, due at {@code now}, ascending, at most
     * {@code limit}: what a job working a range of the batch attempts next. Holders and pauses are checked
     * by {@link #lease}, not here.
     */
    List<Long> queuedInRange(long batchId, long afterId, long toId, Instant now, int limit);

    /**
     * Queued devices of a batch that a lease would take at {@code now} (due, free, the batch not paused),
     * highest id first, at most {@code limit}: the far ends of the ranges still being worked, where a job
     * whose own range is done takes over devices while each range's own job works up from its near end.
     */
    List<Long> queuedFromTop(long batchId, Instant now, int limit);

    /** Non-terminal devices that are due and free but whose row has not changed since {@code changedBefore}. */
    List<Long> stranded(Instant now, Instant changedBefore, int limit);

    /**
     * As {@link #stranded(Instant, Instant, int)}, leaving out the queued devices of {@code exceptBatches}
     * (batches whose range jobs will reach them).
     */
    List<Long> stranded(Instant now, Instant changedBefore, java.util.Set<Long> exceptBatches, int limit);

    /** Non-terminal devices of a batch (for re-enqueueing after resume). */
    List<Long> activeInBatch(long batchId);

    /** Sets the batch's paused flag; false when there is no such batch. */
    boolean setBatchPaused(long batchId, boolean paused, Instant now);

    /**
     * Marks the batch cancelled and cancels its devices that nobody holds and that cannot have been
     * added (no unknown outcome); returns them. Devices in flight finish and are reported as they end.
     */
    List<Long> cancelBatch(long batchId, Instant now);

    /** Failed devices of a batch back to queued (new requeue generation); returns them. */
    List<Long> requeueFailed(long batchId, Instant now);

    /** Cancelled devices of a batch back to queued (new requeue generation); returns them. */
    List<Long> requeueCancelled(long batchId, Instant now);

    /**
     * One failed or cancelled device back to queued; false when it is in no such state. An ended batch
     * it belongs to is sending again ({@code ended_at} cleared).
     */
    boolean requeue(long deviceId, Instant now);

    /**
     * New values for a failed or cancelled device without an unknown outcome (it was never added); false
     * when it is in no such state. The caller requeues it in the same transaction.
     */
    boolean correct(long deviceId, DeviceCorrection correction, Instant now);

    Optional<DeviceDetail> findByProviderId(String providerId);

    Optional<DeviceDetail> findById(long deviceId);

    Optional<BatchProgress> batchProgress(long batchId, Instant now);
}
