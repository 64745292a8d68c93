package com.fleetprovisioner.db.notify;

import static com.fleetprovisioner.db.jooq.Tables.APP_USER;
import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.NOTIFICATION_DELIVERY;
import static com.fleetprovisioner.db.jooq.Tables.PIPELINE_STATE;
import static com.fleetprovisioner.db.jooq.Tables.WEBHOOK;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.auth.UserLanguage;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.notify.Channel;
import com.fleetprovisioner.core.notify.Delivery;
import com.fleetprovisioner.core.notify.DeliveryState;
import com.fleetprovisioner.core.notify.EndedBatch;
import com.fleetprovisioner.core.notify.EventType;
import com.fleetprovisioner.core.notify.NewDelivery;
import com.fleetprovisioner.core.notify.NotificationRepository;
import com.fleetprovisioner.core.notify.Recipient;
import com.fleetprovisioner.core.notify.Webhook;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.PipelineStatus;
import com.fleetprovisioner.db.batch.BatchLifecycle;
import com.fleetprovisioner.db.jooq.tables.records.NotificationDeliveryRecord;
import com.fleetprovisioner.db.pipeline.JooqPipelineState;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Deliveries and webhooks (V15), and the batch and pipeline rows they are made from. */
public final class JooqNotificationRepository implements NotificationRepository {
    private static final List<String> PENDING = List.of(DeliveryState.PENDING.id(), DeliveryState.RETRYING.id());
    private static final int ROW = 1;

    private final DSLContext dsl;
    private final BatchLifecycle lifecycle;

    public JooqNotificationRepository(DSLContext dsl) {
        this.dsl = dsl;
        this.lifecycle = new BatchLifecycle(dsl);
    }

    @Override
    public List<EndedBatch> unnotifiedEndedBatches(int limit) {
        var submitter = APP_USER.as("submitter");
        return dsl.select(BATCH.ID, BATCH.FILE_NAME, BATCH.STATE, BATCH.SUBMITTED_BY, BATCH.CREATED_BY,
                        BATCH.ENDED_AT, submitter.USERNAME)
                .from(BATCH)
                .leftJoin(submitter).on(submitter.ID.eq(DSL.coalesce(BATCH.SUBMITTED_BY, BATCH.CREATED_BY)))
                .where(BATCH.ENDED_AT.isNotNull()).and(BatchLifecycle.notYetNotified())
                .orderBy(BATCH.ENDED_AT, BATCH.ID)
                .limit(limit)
                .fetch(r -> new EndedBatch(r.value1(), Optional.ofNullable(r.value2()), Batch.State.fromId(r.value3()),
                        r.value4() != null ? r.value4() : r.value5(), Optional.ofNullable(r.value7()), r.value6(),
                        counts(r.value1())));
    }

    private Map<DeviceState, Long> counts(long batchId) {
        Map<DeviceState, Long> counts = new EnumMap<>(DeviceState.class);
        dsl.select(DEVICE.STATE, DSL.count()).from(DEVICE).where(DEVICE.BATCH_ID.eq(batchId)).groupBy(DEVICE.STATE)
                .forEach(r -> counts.put(DeviceState.fromId(r.value1()), r.value2().longValue()));
        return counts;
    }

    @Override
    public boolean claimBatch(long batchId, Instant endedAt) {
        return lifecycle.claimEndNotification(batchId, endedAt);
    }

    @Override
    public Optional<PipelineStatus> claimPipelineStop(Instant now) {
        int claimed = dsl.update(PIPELINE_STATE).set(PIPELINE_STATE.STOP_NOTIFIED_AT, PIPELINE_STATE.STOPPED_AT)
                .where(PIPELINE_STATE.ID.eq(ROW)).and(PIPELINE_STATE.STOPPED_AT.isNotNull())
                .and(PIPELINE_STATE.STOP_NOTIFIED_AT.isNull().or(PIPELINE_STATE.STOP_NOTIFIED_AT.ne(PIPELINE_STATE.STOPPED_AT)))
                .execute();
        return claimed == 1 ? Optional.of(new JooqPipelineState(dsl).read()) : Optional.empty();
    }

    @Override
    public Optional<Long> createDelivery(NewDelivery d, Instant now) {
        boolean exists = dsl.fetchExists(NOTIFICATION_DELIVERY, NOTIFICATION_DELIVERY.EVENT_KEY.eq(d.eventKey())
                .and(NOTIFICATION_DELIVERY.RECIPIENT_KEY.eq(d.recipientKey())));
        if (exists) {
            return Optional.empty();
        }
        return Optional.of(dsl.insertInto(NOTIFICATION_DELIVERY)
                .set(NOTIFICATION_DELIVERY.EVENT_KEY, d.eventKey())
                .set(NOTIFICATION_DELIVERY.EVENT_TYPE, d.type().id())
                .set(NOTIFICATION_DELIVERY.CHANNEL, d.channel().id())
                .set(NOTIFICATION_DELIVERY.RECIPIENT, d.recipient())
                .set(NOTIFICATION_DELIVERY.RECIPIENT_KEY, d.recipientKey())
                .set(NOTIFICATION_DELIVERY.WEBHOOK_ID, d.webhookId().orElse(null))
                .set(NOTIFICATION_DELIVERY.SUBJECT, truncate(d.subject(), 300))
                .set(NOTIFICATION_DELIVERY.PAYLOAD, truncate(d.payload(), 16000))
                .set(NOTIFICATION_DELIVERY.STATE, DeliveryState.PENDING.id())
                .set(NOTIFICATION_DELIVERY.NEXT_ATTEMPT_AT, now)
                .set(NOTIFICATION_DELIVERY.CREATED_AT, now)
                .set(NOTIFICATION_DELIVERY.UPDATED_AT, now)
                .returning(NOTIFICATION_DELIVERY.ID)
                .fetchOne(NOTIFICATION_DELIVERY.ID));
    }

    @Override
    public Optional<Delivery> delivery(long id) {
        return dsl.selectFrom(NOTIFICATION_DELIVERY).where(NOTIFICATION_DELIVERY.ID.eq(id)).fetchOptional()
                .map(JooqNotificationRepository::toDelivery);
    }

    @Override
    public List<Delivery> due(Instant now, int limit) {
        return dsl.selectFrom(NOTIFICATION_DELIVERY)
                .where(NOTIFICATION_DELIVERY.STATE.in(PENDING)).and(NOTIFICATION_DELIVERY.NEXT_ATTEMPT_AT.le(now))
                .orderBy(NOTIFICATION_DELIVERY.NEXT_ATTEMPT_AT).limit(limit)
                .fetch(JooqNotificationRepository::toDelivery);
    }

    @Override
    public List<Delivery> recent(int limit) {
        return dsl.selectFrom(NOTIFICATION_DELIVERY)
                .orderBy(NOTIFICATION_DELIVERY.CREATED_AT.desc(), NOTIFICATION_DELIVERY.ID.desc()).limit(limit)
                .fetch(JooqNotificationRepository::toDelivery);
    }

    @Override
    public void delivered(long id, int attempt, Instant now) {
        dsl.update(NOTIFICATION_DELIVERY)
                .set(NOTIFICATION_DELIVERY.STATE, DeliveryState.DELIVERED.id())
                .set(NOTIFICATION_DELIVERY.ATTEMPTS, attempt)
                .setNull(NOTIFICATION_DELIVERY.NEXT_ATTEMPT_AT)
                .set(NOTIFICATION_DELIVERY.DELIVERED_AT, now)
                .set(NOTIFICATION_DELIVERY.UPDATED_AT, now)
                .where(NOTIFICATION_DELIVERY.ID.eq(id))
                .execute();
    }

    @Override
    public void attemptFailed(long id, int attempt, String error, Optional<Instant> nextAttempt, Instant now) {
        dsl.update(NOTIFICATION_DELIVERY)
                .set(NOTIFICATION_DELIVERY.STATE, (nextAttempt.isPresent() ? DeliveryState.RETRYING : DeliveryState.FAILED).id())
                .set(NOTIFICATION_DELIVERY.ATTEMPTS, attempt)
                .set(NOTIFICATION_DELIVERY.LAST_ERROR, truncate(error, 1000))
                .set(NOTIFICATION_DELIVERY.NEXT_ATTEMPT_AT, nextAttempt.orElse(null))
                .set(NOTIFICATION_DELIVERY.UPDATED_AT, now)
                .where(NOTIFICATION_DELIVERY.ID.eq(id))
                .execute();
    }

    @Override
    public List<Webhook> webhooks() {
        return dsl.select(WEBHOOK.ID, WEBHOOK.NAME, WEBHOOK.URL, WEBHOOK.CREATED_AT, APP_USER.USERNAME)
                .from(WEBHOOK).join(APP_USER).on(APP_USER.ID.eq(WEBHOOK.CREATED_BY))
                .where(WEBHOOK.DELETED_AT.isNull())
                .orderBy(WEBHOOK.ID)
                .fetch(r -> new Webhook(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    @Override
    public Optional<String> sealedSecret(long webhookId) {
        return dsl.select(WEBHOOK.SECRET_SEALED).from(WEBHOOK)
                .where(WEBHOOK.ID.eq(webhookId)).and(WEBHOOK.DELETED_AT.isNull())
                .fetchOptional(WEBHOOK.SECRET_SEALED);
    }

    @Override
    public long addWebhook(String name, String url, String sealedSecret, long createdBy, Instant now) {
        return dsl.insertInto(WEBHOOK)
                .set(WEBHOOK.NAME, name)
                .set(WEBHOOK.URL, url)
                .set(WEBHOOK.SECRET_SEALED, sealedSecret)
                .set(WEBHOOK.CREATED_BY, createdBy)
                .set(WEBHOOK.CREATED_AT, now)
                .returning(WEBHOOK.ID)
                .fetchOne(WEBHOOK.ID);
    }

    @Override
    public boolean removeWebhook(long id, Instant now) {
        return dsl.update(WEBHOOK).set(WEBHOOK.DELETED_AT, now)
                .where(WEBHOOK.ID.eq(id)).and(WEBHOOK.DELETED_AT.isNull())
                .execute() == 1;
    }

    @Override
    public Optional<Recipient> recipient(long userId) {
        return dsl.selectFrom(APP_USER).where(APP_USER.ID.eq(userId))
                .fetchOptional(r -> new Recipient(r.getId(), r.getUsername(), r.getEmail() == null ? "" : r.getEmail(),
                        r.getEmailOptOut(), language(r.getLanguage())));
    }

    @Override
    public List<Recipient> admins() {
        return dsl.selectFrom(APP_USER)
                .where(APP_USER.ROLE.eq(Role.ADMIN.id())).and(APP_USER.ENABLED.isTrue()).and(APP_USER.EMAIL.isNotNull())
                .orderBy(APP_USER.ID)
                .fetch(r -> new Recipient(r.getId(), r.getUsername(), r.getEmail(), r.getEmailOptOut(),
                        language(r.getLanguage())));
    }

    /** A stored tag there are texts for; none (or one no longer supported) reads as automatic. */
    private static Optional<String> language(String tag) {
        return Optional.ofNullable(tag).filter(UserLanguage.SUPPORTED::contains);
    }

    @Override
    public void saveEmailPreferences(long userId, Optional<String> email, boolean optedOut, Instant now) {
        dsl.update(APP_USER)
                .set(APP_USER.EMAIL, email.orElse(null))
                .set(APP_USER.EMAIL_OPT_OUT, optedOut)
                .set(APP_USER.UPDATED_AT, now)
                .where(APP_USER.ID.eq(userId))
                .execute();
    }

    private static Delivery toDelivery(NotificationDeliveryRecord r) {
        return new Delivery(r.getId(), r.getEventKey(), EventType.fromId(r.getEventType()), Channel.fromId(r.getChannel()),
                r.getRecipient(), Optional.ofNullable(r.getWebhookId()), r.getSubject(), r.getPayload(),
                DeliveryState.fromId(r.getState()), r.getAttempts(), Optional.ofNullable(r.getLastError()),
                Optional.ofNullable(r.getNextAttemptAt()), r.getCreatedAt(), Optional.ofNullable(r.getDeliveredAt()));
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
