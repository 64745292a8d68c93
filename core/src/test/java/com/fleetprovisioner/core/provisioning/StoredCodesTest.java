package com.fleetprovisioner.core.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.intake.Batch;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The codes the enums are stored and shown as. They are pinned here: a stored code that changed would
 * leave existing databases with rows nobody can read, a shown one would break /health and the API.
 */
class StoredCodesTest {
    private static final List<String> HOSTILE = List.of("", " ", "queued\n", "QUEUED\u0000", "\u202e", "x".repeat(100_000));

    @Test
    void deviceEventTypesRoundTripThroughTheirStoredCodes() {
        assertThat(Arrays.stream(DeviceEvent.Type.values()).map(DeviceEvent.Type::id)).containsExactly(
                "queued", "lease_taken", "reconciled", "sent", "response", "retry_scheduled", "provisioned",
                "needs_review", "pre_existing", "failed", "cancelled", "requeued", "held");
        for (DeviceEvent.Type type : DeviceEvent.Type.values()) {
            assertThat(DeviceEvent.Type.fromId(type.id())).isEqualTo(type);
        }
    }

    @Test
    void unknownDeviceEventCodesAreRefusedNotGuessed() {
        for (String code : concat(HOSTILE, "QUEUED", "Queued", "LEASE_TAKEN")) {
            assertThatThrownBy(() -> DeviceEvent.Type.fromId(code)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void batchStatesRoundTripThroughTheirStoredCodes() {
        assertThat(Arrays.stream(Batch.State.values()).map(Batch.State::id)).containsExactly(
                "draft", "submitted", "sending", "completed", "completed_with_failures", "cancelled", "discarded");
        for (Batch.State state : Batch.State.values()) {
            assertThat(Batch.State.fromId(state.id())).isEqualTo(state);
        }
        for (String code : HOSTILE) {
            assertThatThrownBy(() -> Batch.State.fromId(code)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void pipelineStatesKeepTheValuesHealthAndTheApiShow() {
        assertThat(Arrays.stream(PipelineStatus.State.values()).map(PipelineStatus.State::id))
                .containsExactly("RUNNING", "THROTTLED", "MAINTENANCE", "STOPPED");
        for (PipelineStatus.State state : PipelineStatus.State.values()) {
            assertThat(PipelineStatus.State.fromId(state.id())).isEqualTo(state);
        }
        for (String code : concat(HOSTILE, "running", "Stopped")) {
            assertThatThrownBy(() -> PipelineStatus.State.fromId(code)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void everyPipelineStateIsReachedAndDescribed() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        Optional<Instant> ahead = Optional.of(now.plusSeconds(30));
        Optional<Instant> past = Optional.of(now.minusSeconds(30));
        Optional<Instant> none = Optional.empty();
        assertThat(status(Optional.empty(), none, none).state(now)).isEqualTo(PipelineStatus.State.RUNNING);
        assertThat(status(Optional.empty(), past, past).state(now)).isEqualTo(PipelineStatus.State.RUNNING);
        assertThat(status(Optional.empty(), ahead, past).state(now)).isEqualTo(PipelineStatus.State.THROTTLED);
        assertThat(status(Optional.empty(), ahead, ahead).state(now)).as("maintenance before throttle")
                .isEqualTo(PipelineStatus.State.MAINTENANCE);
        assertThat(status(Optional.of("bad password."), ahead, ahead).state(now)).isEqualTo(PipelineStatus.State.STOPPED);
        assertThat(status(Optional.empty(), none, none).running(now)).isTrue();
        assertThat(status(Optional.empty(), ahead, none).running(now)).isFalse();
        assertThat(status(Optional.empty(), none, Optional.of(Instant.MAX)).detail(now))
                .isEqualTo(Text.of("pipeline.detail.maintenance", Instant.MAX));
    }

    private static PipelineStatus status(Optional<String> stopped, Optional<Instant> throttled, Optional<Instant> maintenance) {
        return new PipelineStatus(stopped.map(s -> 11), stopped, stopped.map(s -> Instant.EPOCH), throttled, maintenance,
                Instant.EPOCH);
    }

    private static List<String> concat(List<String> list, String... more) {
        return java.util.stream.Stream.concat(list.stream(), Arrays.stream(more)).toList();
    }
}
