package com.fleetprovisioner.worker.notify;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.auth.UserLanguage;
import com.fleetprovisioner.core.common.SecretBox;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.config.NotificationSettings;
import com.fleetprovisioner.core.notify.Channel;
import com.fleetprovisioner.core.notify.Delivery;
import com.fleetprovisioner.core.notify.DeliveryState;
import com.fleetprovisioner.core.notify.EventType;
import com.fleetprovisioner.core.notify.NotificationAdmin;
import com.fleetprovisioner.core.notify.NotificationService;
import com.fleetprovisioner.core.notify.SmtpServer;
import com.fleetprovisioner.core.notify.WebhookSignature;
import com.fleetprovisioner.core.settings.LiveSettings;
import com.fleetprovisioner.core.settings.SettingKey;
import com.fleetprovisioner.core.settings.SettingsDefaults;
import com.fleetprovisioner.core.settings.SettingsForm;
import com.fleetprovisioner.core.settings.SettingsService;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.audit.JooqAuditLog;
import com.fleetprovisioner.db.auth.JooqUserLanguageRepository;
import com.fleetprovisioner.db.auth.JooqUserRepository;
import com.fleetprovisioner.db.device.DashboardFixtures;
import com.fleetprovisioner.queue.notify.DeliveryJobHandler;
import com.fleetprovisioner.queue.notify.JobRunrNotificationJobs;
import com.fleetprovisioner.db.notify.JooqNotificationRepository;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.db.testing.TestSettings;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.TestDatabases;
import com.fleetprovisioner.worker.JobServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Batch ends notified for real: a JobRunr server runs the deliveries, emails reach an SMTP server
 * (GreenMail) and webhooks an HTTP server, both started in this JVM. The backoff is one second so that
 * the retries fit in a test; JobRunr's five-second poll sets the pace.
 */
class NotificationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aBatchEndReachesTheSubmitterByEmailAndEveryWebhookSignedOnce(DatabaseKind kind) throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (Database db = TestDatabases.migrated(kind); JobStorage jobs = JobStorage.open(db);
             WebhookReceiver receiver = new WebhookReceiver()) {
            Fixture f = new Fixture(db, jobs, Optional.of(smtp.getSmtp().getPort()));
            var hook = f.admin.addWebhook(Actor.system(), f.adminId, "ops channel", receiver.url());
            long batch = f.endedBatch("fleet.csv");
            try (JobServer server = f.server()) {
                f.service.scan();
                f.service.scan(); // a second look (or another worker) finds the end already claimed

                assertThat(smtp.waitForIncomingEmail(120_000, 1)).as("the email arrived").isTrue();
                MimeMessage mail = smtp.getReceivedMessages()[0];
                assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ops@example.com");
                assertThat(mail.getSubject()).isEqualTo("Batch " + batch
                        + " completed with failures: 1 provisioned, 2 failed, 0 need review, 1 cancelled");
                String text = GreenMailUtil.getBody(mail);
                assertThat(text).contains("fleet.csv", "Provisioned: 1", "Failed: 2", "Cancelled: 1", "Devices in all: 4",
                        "https://fp.example.com/batches/" + batch);

                WebhookReceiver.Received call = receiver.next();
                assertThat(call.headers().get(WebhookSignature.HEADER.toLowerCase()))
                        .isEqualTo(WebhookSignature.sign(hook.secret(), call.body()))
                        .isNotEqualTo(WebhookSignature.sign("another secret", call.body()));
                assertThat(call.headers().get(WebhookSignature.EVENT_HEADER.toLowerCase())).isEqualTo("batch.ended");
                JsonNode event = JSON.readTree(call.body());
                assertThat(event.get("batchId").asLong()).isEqualTo(batch);
                assertThat(event.get("file").asText()).isEqualTo("fleet.csv");
                assertThat(event.get("state").asText()).isEqualTo("completed_with_failures");
                assertThat(event.at("/counts/provisioned").asLong()).isEqualTo(1);
                assertThat(event.at("/counts/failed").asLong()).isEqualTo(2);
                assertThat(event.at("/counts/cancelled").asLong()).isEqualTo(1);
                assertThat(event.at("/counts/total").asLong()).isEqualTo(4);
                assertThat(event.at("/links/batch").asText()).isEqualTo("https://fp.example.com/batches/" + batch);
                assertThat(call.body()).doesNotContain(hook.secret());

                List<Delivery> log = f.awaitFinished(2);
                assertThat(log).extracting(Delivery::channel).containsExactlyInAnyOrder(Channel.EMAIL, Channel.WEBHOOK);
                assertThat(log).allSatisfy(d -> {
                    assertThat(d.state()).isEqualTo(DeliveryState.DELIVERED);
                    assertThat(d.attempts()).isEqualTo(1);
                });
                // the jobs carry ids only: no address, no payload, no secret
                String job = jobs.jsonMapper().serialize(jobs.provider()
                        .getJobById(JobRunrNotificationJobs.jobId(log.get(0).id(), 1)));
                assertThat(job).doesNotContain(hook.secret(), "ops@example.com", "fleet.csv");
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void anSmtpServerSavedOnTheSettingsPageIsUsedForTheNextEmailWithoutARestart() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (Database db = TestDatabases.migrated(DatabaseKind.H2); JobStorage jobs = JobStorage.open(db)) {
            SettingsService settings = TestSettings.service(db, SettingsDefaults.from(AppConfig.from(Map.of())),
                    SecretBox.random(), Clock.systemUTC());
            LiveSettings live = new LiveSettings(settings);
            Fixture f = new Fixture(db, jobs, () -> live.get().smtp());
            try (JobServer server = f.server()) {
                f.endedBatch("before.csv");
                f.service.scan();
                assertThat(f.repository.recent(10)).as("no SMTP server anywhere: no email delivery").isEmpty();

                settings.save(Actor.system(), new SettingsForm(Map.of(SettingKey.SMTP_HOST, "127.0.0.1",
                        SettingKey.SMTP_PORT, Integer.toString(smtp.getSmtp().getPort()),
                        SettingKey.SMTP_FROM, "fleet@example.com", SettingKey.SMTP_STARTTLS, "false"), Set.of(), false));
                long batch = f.endedBatch("after.csv");
                f.service.scan();

                assertThat(smtp.waitForIncomingEmail(120_000, 1)).as("the email arrived").isTrue();
                MimeMessage mail = smtp.getReceivedMessages()[0];
                assertThat(mail.getFrom()[0].toString()).isEqualTo("fleet@example.com");
                assertThat(mail.getSubject()).startsWith("Batch " + batch + " ");
                assertThat(f.awaitFinished(1)).singleElement()
                        .satisfies(d -> assertThat(d.state()).isEqualTo(DeliveryState.DELIVERED));
            }
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aWebhookThatFailsTwiceIsRetriedWithBackoffAndDelivered() throws Exception {
        try (Database db = TestDatabases.migrated(DatabaseKind.H2); JobStorage jobs = JobStorage.open(db);
             WebhookReceiver receiver = new WebhookReceiver(500, 503)) {
            Fixture f = new Fixture(db, jobs, Optional.empty()); // no SMTP server: webhooks only
            var hook = f.admin.addWebhook(Actor.system(), f.adminId, "flaky", receiver.url());
            f.endedBatch("retry.csv");
            try (JobServer server = f.server()) {
                f.service.scan();
                List<WebhookReceiver.Received> calls = List.of(receiver.next(), receiver.next(), receiver.next());
                assertThat(calls).allSatisfy(call -> assertThat(call.headers().get(WebhookSignature.HEADER.toLowerCase()))
                        .isEqualTo(WebhookSignature.sign(hook.secret(), call.body())));
                assertThat(calls).extracting(c -> c.headers().get(WebhookSignature.DELIVERY_HEADER.toLowerCase()))
                        .as("one delivery, three attempts").containsOnly(calls.get(0).headers()
                                .get(WebhookSignature.DELIVERY_HEADER.toLowerCase()));
                Delivery delivered = f.awaitFinished(1).get(0);
                assertThat(delivered.state()).isEqualTo(DeliveryState.DELIVERED);
                assertThat(delivered.attempts()).isEqualTo(3);
                assertThat(delivered.lastError()).get().asString().contains("HTTP 503");
            }
        }
    }

    @Test
    void aUserWhoOptedOutGetsNoEmailAndWebhooksStillGo() throws Exception {
        try (Database db = TestDatabases.migrated(DatabaseKind.H2); JobStorage jobs = JobStorage.open(db)) {
            Fixture f = new Fixture(db, jobs, Optional.of(2525));
            f.admin.addWebhook(Actor.system(), f.adminId, "ops", "http://127.0.0.1:9/hook");
            f.admin.savePreferences(Actor.system(), f.opsId, "ops@example.com", true);
            f.endedBatch("quiet.csv");
            f.service.scan(); // no job server: only the deliveries created are looked at
            assertThat(f.repository.recent(10)).extracting(Delivery::channel).containsExactly(Channel.WEBHOOK);
        }
    }

    /**
     * Each email in its recipient's chosen language, "automatic" (no browser to ask) in English; the webhook
     * (read by machines) in English whatever anyone chose.
     */
    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anEmailIsInItsRecipientsLanguageAndAWebhookInEnglish(DatabaseKind kind) throws Exception {
        try (Database db = TestDatabases.migrated(kind); JobStorage jobs = JobStorage.open(db)) {
            Fixture f = new Fixture(db, jobs, Optional.of(2525));
            f.admin.addWebhook(Actor.system(), f.adminId, "ops", "http://127.0.0.1:9/hook");
            UserLanguage languages = new UserLanguage(new JooqUserLanguageRepository(DatabaseFixture.dsl(db)),
                    new JooqAuditLog(DatabaseFixture.dsl(db)), Clock.systemUTC());
            languages.choose(Actor.system(), f.opsId, "fr-CA");
            long batch = f.endedBatch("flotte.csv");
            f.service.scan(); // no job server: the deliveries created are what would be sent
            Delivery mail = f.delivery(Channel.EMAIL, "ops@example.com");
            assertThat(mail.subject()).isEqualTo("Lot " + batch
                    + " complété avec des échecs : 1 mis en service, 2 en échec, 0 à vérifier, 1 annulés");
            assertThat(mail.payload()).startsWith("Le lot " + batch + " (flotte.csv) est terminé : complété avec des échecs.")
                    .contains("Mis en service : 1\n", "En échec : 2\n", "Annulés : 1\n", "Appareils au total : 4\n",
                            "Ouvrir le lot : https://fp.example.com/batches/" + batch);
            Delivery hook = f.delivery(Channel.WEBHOOK, "http://127.0.0.1:9/hook");
            assertThat(hook.subject()).startsWith("Batch " + batch + " completed with failures: 1 provisioned");
            assertThat(JSON.readTree(hook.payload()).get("state").asText()).isEqualTo("completed_with_failures");

            // a pipeline stop: one admin reads French, the other chose nothing (automatic) and reads English
            long second = new JooqUserRepository(DatabaseFixture.dsl(db)).create("admin2", Role.ADMIN, "x", T0).id();
            f.admin.savePreferences(Actor.system(), f.adminId, "admin@example.com", false);
            f.admin.savePreferences(Actor.system(), second, "admin2@example.com", false);
            languages.choose(Actor.system(), f.adminId, "fr-CA");
            new com.fleetprovisioner.db.pipeline.JooqPipelineState(DatabaseFixture.dsl(db)).stop(4, "Invalid credentials", T0);
            f.service.scan();
            assertThat(f.delivery(Channel.EMAIL, "admin@example.com").subject())
                    .isEqualTo("Fleet Provisioner a cessé l'envoi : Invalid credentials");
            assertThat(f.delivery(Channel.EMAIL, "admin@example.com").payload())
                    .startsWith("L'envoi à Fleet Freedom s'est arrêté le ").contains(" UTC à cause", "\n\nInvalid credentials\n\n");
            assertThat(f.delivery(Channel.EMAIL, "admin2@example.com").subject())
                    .isEqualTo("Fleet Provisioner stopped sending: Invalid credentials");
            assertThat(f.repository.recent(10)).filteredOn(d -> d.type() == EventType.PIPELINE_STOPPED)
                    .filteredOn(d -> d.channel() == Channel.WEBHOOK).singleElement()
                    .satisfies(d -> assertThat(d.subject()).isEqualTo("Fleet Provisioner stopped sending: Invalid credentials"));
        }
    }

    @Test
    void aPipelineStoppedOnAnAccountProblemReachesAdminsOnce() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (Database db = TestDatabases.migrated(DatabaseKind.H2); JobStorage jobs = JobStorage.open(db)) {
            Fixture f = new Fixture(db, jobs, Optional.of(smtp.getSmtp().getPort()));
            f.admin.savePreferences(Actor.system(), f.adminId, "admin@example.com", false);
            new com.fleetprovisioner.db.pipeline.JooqPipelineState(DatabaseFixture.dsl(db)).stop(4, "Invalid credentials for ops", T0);
            try (JobServer server = f.server()) {
                f.service.scan();
                f.service.scan();
                assertThat(smtp.waitForIncomingEmail(120_000, 1)).isTrue();
                MimeMessage mail = smtp.getReceivedMessages()[0];
                assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("admin@example.com");
                assertThat(mail.getSubject()).contains("stopped sending", "Invalid credentials for ops");
                assertThat(f.awaitFinished(1)).singleElement()
                        .satisfies(d -> assertThat(d.state()).isEqualTo(DeliveryState.DELIVERED));
            }
        } finally {
            smtp.stop();
        }
    }

    /** A user with an address, an admin, and the notification services over a real database and JobRunr. */
    private static final class Fixture {
        final Database db;
        final JobStorage jobs;
        final JooqNotificationRepository repository;
        final NotificationService service;
        final NotificationAdmin admin;
        final long opsId;
        final long adminId;

        Fixture(Database db, JobStorage jobs, Optional<Integer> smtpPort) {
            this(db, jobs, smtpPort.map(port -> NotificationSettings.defaults()
                    .withSmtp("127.0.0.1", port, Optional.empty(), Optional.empty(), false))
                    .orElse(NotificationSettings.defaults())::smtpServer);
        }

        /** Emails to whichever SMTP server {@code smtp} names when one is sent. */
        Fixture(Database db, JobStorage jobs, Supplier<Optional<SmtpServer>> smtp) {
            this.db = db;
            this.jobs = jobs;
            repository = new JooqNotificationRepository(DatabaseFixture.dsl(db));
            SecretBox secrets = SecretBox.random();
            NotificationSettings settings = NotificationSettings.defaults()
                    .withRetry(5, Duration.ofSeconds(1), Duration.ofSeconds(1))
                    .withPublicUrl("https://fp.example.com");
            service = new NotificationService(repository, db.transactions(), new JobRunrNotificationJobs(jobs),
                    new SmtpMailer(smtp), new HttpWebhookPoster(), secrets, settings, Clock.systemUTC());
            admin = new NotificationAdmin(repository, secrets, new JooqAuditLog(DatabaseFixture.dsl(db)), Clock.systemUTC());
            var users = new JooqUserRepository(DatabaseFixture.dsl(db));
            opsId = users.create("ops", Role.OPERATOR, "x", T0).id();
            adminId = users.create("admin", Role.ADMIN, "x", T0).id();
            admin.savePreferences(Actor.system(), opsId, "ops@example.com", false);
        }

        JobServer server() {
            return JobServer.start(jobs, "notify-test", 2, Map.of(DeliveryJobHandler.class, new DeliveryJobHandler(service)));
        }

        /** A submitted batch of four devices (1 provisioned, 2 failed, 1 cancelled) that just ended. */
        long endedBatch(String file) {
            long batch = DashboardFixtures.batch(DatabaseFixture.dsl(db), opsId, "submitted", Optional.of(file), T0);
            String p = file.substring(0, 2).toUpperCase();
            DashboardFixtures.devices(DatabaseFixture.dsl(db), batch, opsId, T0, List.of(p + "1", p + "2", p + "3", p + "4"));
            DashboardFixtures.provisioned(DatabaseFixture.dsl(db), p + "1", T0);
            DashboardFixtures.state(DatabaseFixture.dsl(db), p + "2", "failed");
            DashboardFixtures.state(DatabaseFixture.dsl(db), p + "3", "failed");
            DashboardFixtures.state(DatabaseFixture.dsl(db), p + "4", "cancelled");
            DatabaseFixture.dsl(db).update(BATCH).set(BATCH.SUBMITTED_BY, opsId).set(BATCH.STATE, "completed_with_failures")
                    .set(BATCH.ENDED_AT, T0).where(BATCH.ID.eq(batch)).execute();
            return batch;
        }

        /** The newest delivery on {@code channel} to {@code recipient}. */
        Delivery delivery(Channel channel, String recipient) {
            return repository.recent(20).stream().filter(d -> d.channel() == channel && d.recipient().equals(recipient))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + channel + " to " + recipient));
        }

        /** The delivery log once {@code count} deliveries finished; a hang fails after two minutes. */
        List<Delivery> awaitFinished(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                List<Delivery> log = repository.recent(10);
                if (log.size() == count && log.stream().allMatch(d -> d.state().finished())) {
                    return log;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("deliveries did not finish: " + repository.recent(10));
        }
    }
}
