package com.fleetprovisioner.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.core.provisioning.PipelineStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class NotificationTextsTest {
    private static final Locale FRENCH = NotificationTexts.locale(Optional.of("fr-CA"));
    private final NotificationTexts texts = new NotificationTexts("https://fleet.example");

    /** Only ended batches are notified: each of those states has its words, and the webhook its stored code. */
    @Test
    void everyEndedBatchStateIsNamedInTheMailAndCodedInTheWebhook() {
        Batch.State[] ended = Arrays.stream(Batch.State.values()).filter(Batch.State::ended).toArray(Batch.State[]::new);
        assertThat(ended).isNotEmpty();
        for (Batch.State state : ended) {
            EndedBatch batch = batch(state);
            assertThat(texts.batchSubject(batch, Locale.ROOT)).as(state.id()).contains(state.id().replace('_', ' '));
            assertThat(texts.batchSubject(batch, FRENCH)).as(state.id()).startsWith("Lot 7 ")
                    .doesNotContain(state.id().replace('_', ' '));
            assertThat(texts.batchJson(batch)).contains("\"state\":\"" + state.id() + "\"");
        }
    }

    @Test
    void theFrenchFileHasTheEnglishKeysWithTheSameArguments() throws IOException {
        Properties english = load("notifications.properties");
        Properties french = load("notifications_fr_CA.properties");
        assertThat(french.stringPropertyNames()).isEqualTo(english.stringPropertyNames());
        for (String key : english.stringPropertyNames()) {
            assertThat(new MessageFormat(french.getProperty(key)).getFormatsByArgumentIndex()).as(key)
                    .hasSameSizeAs(new MessageFormat(english.getProperty(key)).getFormatsByArgumentIndex());
            assertThat(french.getProperty(key)).as(key).isNotEqualTo(english.getProperty(key));
        }
    }

    @Test
    void anEmailIsInItsRecipientsLanguageAndAutomaticIsEnglish() {
        EndedBatch batch = batch(Batch.State.COMPLETED_WITH_FAILURES);
        String french = texts.batchEmail(batch, FRENCH);
        assertThat(french).startsWith("Le lot 7 (x.csv) est terminé : complété avec des échecs.")
                .contains("Mis en service : 3\n", "Appareils au total : 3\n", "https://fleet.example/batches/7",
                        "sous Compte : https://fleet.example/account");
        String automatic = texts.batchEmail(batch, NotificationTexts.locale(Optional.empty()));
        assertThat(automatic).startsWith("Batch 7 (x.csv) ended: completed with failures.").contains("Provisioned: 3\n");
        assertThat(texts.batchEmail(batch, NotificationTexts.locale(Optional.of("en")))).isEqualTo(automatic);

        PipelineStatus stopped = new PipelineStatus(Optional.of(4011), Optional.of("bad credentials"),
                Optional.of(Instant.parse("2026-12-02T12:00:00Z")), Optional.empty(), Optional.empty(),
                Instant.parse("2026-12-02T12:00:00Z"));
        assertThat(texts.pipelineSubject(stopped, FRENCH)).isEqualTo("Fleet Provisioner a cessé l'envoi : bad credentials");
        // the time as each reader writes dates, in UTC and saying so (not the raw ISO instant)
        assertThat(texts.pipelineEmail(stopped, FRENCH)).startsWith(
                "L'envoi à Fleet Freedom s'est arrêté le 2 déc. 2026 12 h 00 UTC à cause d'un problème de compte");
        assertThat(texts.pipelineEmail(stopped, NotificationTexts.locale(Optional.empty()))).startsWith(
                "Sending to Fleet Freedom stopped at Dec 2, 2026, 12:00 PM UTC because of an account");
        assertThat(texts.pipelineSubject(stopped, Locale.ROOT)).isEqualTo("Fleet Provisioner stopped sending: bad credentials");
    }

    private static EndedBatch batch(Batch.State state) {
        return new EndedBatch(7, Optional.of("x.csv"), state, 1, Optional.of("ops"),
                Instant.parse("2026-12-02T12:00:00Z"), Map.of(DeviceState.PROVISIONED, 3L));
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = NotificationTextsTest.class.getResourceAsStream(file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
