package com.fleetprovisioner.core.notify;

import com.fleetprovisioner.core.provisioning.PipelineStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Deliveries, webhooks, recipients, and the batch ends and pipeline stops not yet notified. */
public interface NotificationRepository {
    /**
     * Ended batches ({@code ended_at} set) whose end nobody claimed yet, oldest first; a batch that ends
     * again later (devices requeued, then finished) is listed again.
     */
    List<EndedBatch> unnotifiedEndedBatches(int limit);

    /** Marks the end at {@code endedAt} notified; false when another process did first or the batch moved on. */
    boolean claimBatch(long batchId, Instant endedAt);

    /** The stop in force when admins were not told about it yet, claimed; empty otherwise. */
    Optional<PipelineStatus> claimPipelineStop(Instant now);

    /** The new delivery's id; empty when that event already has a delivery to that recipient. */
    Optional<Long> createDelivery(NewDelivery delivery, Instant now);

    Optional<Delivery> delivery(long id);

    /** Pending or retrying deliveries due by {@code now} (their jobs are enqueued again; ids make that harmless). */
    List<Delivery> due(Instant now, int limit);

    /** Newest first, for the delivery log. */
    List<Delivery> recent(int limit);

    void delivered(long id, int attempt, Instant now);

    /** A failed try: retrying at {@code nextAttempt}, or failed for good when it is empty. */
    void attemptFailed(long id, int attempt, String error, Optional<Instant> nextAttempt, Instant now);

    List<Webhook> webhooks();

    /** The sealed secret of a webhook still configured. */
    Optional<String> sealedSecret(long webhookId);

    long addWebhook(String name, String url, String sealedSecret, long createdBy, Instant now);

    /** False when there was no such webhook. Its past deliveries stay in the log. */
    boolean removeWebhook(long id, Instant now);

    /** The user's address (empty when none) and choice; empty for no such user. */
    Optional<Recipient> recipient(long userId);

    /** Enabled admins with an address. */
    List<Recipient> admins();

    void saveEmailPreferences(long userId, Optional<String> email, boolean optedOut, Instant now);
}
