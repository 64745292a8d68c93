package com.fleetprovisioner.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.provisioning.DeviceState;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationTextsTest {
    private final NotificationTexts texts = new NotificationTexts("https://fleet.example");

    /** Only ended batches are notified: each of those states has its words, and the webhook its stored code. */
    @Test
    void everyEndedBatchStateIsNamedInTheMailAndCodedInTheWebhook() {
        Batch.State[] ended = Arrays.stream(Batch.State.values()).filter(Batch.State::ended).toArray(Batch.State[]::new);
        assertThat(ended).isNotEmpty();
        for (Batch.State state : ended) {
            EndedBatch batch = new EndedBatch(7, Optional.of("x.csv"), state, 1, Optional.of("ops"),
                    Instant.parse("2026-12-02T12:00:00Z"), Map.of(DeviceState.PROVISIONED, 3L));
            assertThat(texts.batchSubject(batch)).as(state.id()).contains(state.id().replace('_', ' '));
            assertThat(texts.batchJson(batch)).contains("\"state\":\"" + state.id() + "\"");
        }
    }
}
