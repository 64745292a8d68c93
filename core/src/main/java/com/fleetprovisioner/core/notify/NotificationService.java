package com.fleetprovisioner.core.notify;

import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.common.Transactions;
import com.fleetprovisioner.core.config.NotificationSettings;
import com.fleetprovisioner.core.provisioning.PipelineStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns batch ends and pipeline stops into deliveries, and delivers them.
 *
 * <p>{@link #scan()} runs on every worker, a few times a minute. It reads batches with {@code ended_at}
 * set and not yet notified, and claims each end with a conditional update, in the transaction that creates
 * its deliveries: whichever process ended the batch, and however many workers scan, its end is notified
 * once (the unique (event, recipient) key backs this up). It knows nothing of the pipeline code: the
 * batch row is the contract. Each delivery is a JobRunr job whose id comes from (delivery, attempt);
 * a failed attempt schedules the next one after an exponential backoff, until {@code maxAttempts}.
 * Jobs carry the delivery id and attempt only: secrets are read and opened when the job runs.
 */
public final class NotificationService {
    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);
    private static final int SCAN_LIMIT = 100;

    private final NotificationRepository repository;
    private final Transactions transactions;
    private final NotificationJobs jobs;
    private final Mailer mailer;
    private final WebhookPoster poster;
    private final SecretBox secrets;
    private final NotificationSettings settings;
    private final NotificationTexts texts;
    private final Clock clock;

    public NotificationService(NotificationRepository repository, Transactions transactions, NotificationJobs jobs,
            Mailer mailer, WebhookPoster poster, SecretBox secrets, NotificationSettings settings, Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.jobs = jobs;
        this.mailer = mailer;
        this.poster = poster;
        this.secrets = secrets;
        this.settings = settings;
        this.texts = new NotificationTexts(settings.publicUrl());
        this.clock = clock;
    }

    /** Creates the deliveries of new batch ends and pipeline stops, and (re)schedules those due. */
    public void scan() {
        Instant now = clock.instant();
        for (EndedBatch batch : repository.unnotifiedEndedBatches(SCAN_LIMIT)) {
            List<Long> created = transactions.inTransaction(() -> repository.claimBatch(batch.batchId(), batch.endedAt())
                    ? forBatch(batch, now) : List.of());
            created.forEach(id -> jobs.schedule(id, 1, now));
        }
        List<Long> stop = transactions.inTransaction(() -> repository.claimPipelineStop(now)
                .map(status -> forPipelineStop(status, now)).orElse(List.of()));
        stop.forEach(id -> jobs.schedule(id, 1, now));
        // a process that died between commit and scheduling, or a job lost with JobRunr's tables:
        // scheduling again under the same job id is harmless
        for (Delivery due : repository.due(now, SCAN_LIMIT)) {
            jobs.schedule(due.id(), due.attempts() + 1, due.nextAttemptAt().orElse(now));
        }
    }

    private List<Long> forBatch(EndedBatch batch, Instant now) {
        String key = EventType.BATCH_ENDED.id() + "/" + batch.batchId() + "/" + batch.endedAt().toEpochMilli();
        List<Long> created = new ArrayList<>();
        Optional<Recipient> submitter = repository.recipient(batch.submittedBy());
        if (mailer.configured() && submitter.isPresent() && submitter.get().wantsEmail()) {
            Recipient r = submitter.get();
            Locale language = NotificationTexts.locale(r.language());
            repository.createDelivery(new NewDelivery(key, EventType.BATCH_ENDED, Channel.EMAIL, r.email(),
                    "user:" + r.userId(), Optional.empty(), texts.batchSubject(batch, language),
                    texts.batchEmail(batch, language)), now).ifPresent(created::add);
        }
        created.addAll(webhooks(key, EventType.BATCH_ENDED, texts.batchSubject(batch, Locale.ROOT),
                texts.batchJson(batch), now));
        log.info("Batch {} ended {}: {} notification(s)", batch.batchId(), batch.state().id(), created.size());
        return created;
    }

    private List<Long> forPipelineStop(PipelineStatus status, Instant now) {
        String key = EventType.PIPELINE_STOPPED.id() + "/" + status.stoppedAt().orElse(now).toEpochMilli();
        List<Long> created = new ArrayList<>();
        if (mailer.configured()) {
            for (Recipient admin : repository.admins()) {
                if (admin.wantsEmail()) {
                    Locale language = NotificationTexts.locale(admin.language());
                    repository.createDelivery(new NewDelivery(key, EventType.PIPELINE_STOPPED, Channel.EMAIL,
                            admin.email(), "user:" + admin.userId(), Optional.empty(),
                            texts.pipelineSubject(status, language), texts.pipelineEmail(status, language)), now)
                            .ifPresent(created::add);
                }
            }
        }
        // webhooks are read by machines: English, like the JSON's codes
        created.addAll(webhooks(key, EventType.PIPELINE_STOPPED, texts.pipelineSubject(status, Locale.ROOT),
                texts.pipelineJson(status), now));
        log.info("Pipeline stopped: {} notification(s)", created.size());
        return created;
    }

    private List<Long> webhooks(String key, EventType type, String subject, String json, Instant now) {
        List<Long> created = new ArrayList<>();
        for (Webhook hook : repository.webhooks()) {
            repository.createDelivery(new NewDelivery(key, type, Channel.WEBHOOK, hook.url(), "webhook:" + hook.id(),
                    Optional.of(hook.id()), subject, json), now).ifPresent(created::add);
        }
        return created;
    }

    /** One attempt of one delivery; a job run twice (or late) finds it done and does nothing. */
    public void deliver(long deliveryId, int attempt) {
        Optional<Delivery> found = repository.delivery(deliveryId);
        if (found.isEmpty() || found.get().state().finished() || found.get().attempts() >= attempt) {
            return;
        }
        Delivery delivery = found.get();
        try {
            send(delivery);
            repository.delivered(deliveryId, attempt, clock.instant());
            log.info("Notification {} ({} {}) delivered on attempt {}", deliveryId, delivery.type().id(),
                    delivery.channel().id(), attempt);
        } catch (Exception e) {
            failed(delivery, attempt, e);
        }
    }

    private void send(Delivery delivery) throws Exception {
        if (delivery.channel() == Channel.EMAIL) {
            mailer.send(delivery.recipient(), delivery.subject(), delivery.payload());
            return;
        }
        long hookId = delivery.webhookId().orElseThrow();
        String sealed = repository.sealedSecret(hookId)
                .orElseThrow(() -> new GivenUp("the webhook was removed"));
        poster.post(delivery.recipient(), delivery.payload(), Map.of(
                WebhookSignature.HEADER, WebhookSignature.sign(secrets.open(sealed), delivery.payload()),
                WebhookSignature.EVENT_HEADER, delivery.type().id(),
                WebhookSignature.DELIVERY_HEADER, Long.toString(delivery.id())));
    }

    private void failed(Delivery delivery, int attempt, Exception e) {
        Instant now = clock.instant();
        String error = NotificationTexts.truncate(e.getClass().getSimpleName() + ": " + e.getMessage(), 1000);
        Optional<Instant> next = attempt < settings.maxAttempts() && !(e instanceof GivenUp)
                ? Optional.of(now.plus(settings.retryDelay(attempt))) : Optional.empty();
        repository.attemptFailed(delivery.id(), attempt, error, next, now);
        next.ifPresentOrElse(at -> jobs.schedule(delivery.id(), attempt + 1, at),
                () -> log.warn("Notification {} to {} failed for good after {} attempt(s): {}", delivery.id(),
                        delivery.channel().id(), attempt, error));
        next.ifPresent(at -> log.info("Notification {} attempt {} failed ({}); next at {}", delivery.id(), attempt,
                error, at));
    }

    /** A failure no retry can fix. */
    private static final class GivenUp extends Exception {
        private static final long serialVersionUID = 1L;

        GivenUp(String message) {
            super(message);
        }
    }
}
