package com.fleetprovisioner.web.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.provisioning.DeviceEvent;
import com.fleetprovisioner.core.provisioning.PipelineStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Where the pages show an enum, each value has its label, keyed by the value's code. */
class EnumLabelsTest {

    @Test
    void everyDeviceEventTypeHasATimelineLabel() throws IOException {
        Properties messages = messages();
        for (DeviceEvent.Type type : DeviceEvent.Type.values()) {
            assertThat(messages.getProperty("event." + type.id())).as(type.id()).isNotBlank();
        }
    }

    @Test
    void everyBatchStateHasALabel() throws IOException {
        Properties messages = messages();
        for (Batch.State state : Batch.State.values()) {
            assertThat(messages.getProperty("batchState." + state.id())).as(state.id()).isNotBlank();
        }
    }

    @Test
    void everyPipelineStateHasALabelAndIsTheOneTheApiDescribes() throws IOException {
        Properties messages = messages();
        for (PipelineStatus.State state : PipelineStatus.State.values()) {
            assertThat(messages.getProperty("pipeline.state." + state.id())).as(state.id()).isNotBlank();
        }
        JsonNode described;
        try (InputStream in = resource("openapi/openapi.json")) {
            described = new ObjectMapper().readTree(in).at("/components/schemas/Pipeline/properties/state/enum");
        }
        List<String> values = new ArrayList<>();
        described.forEach(v -> values.add(v.asText()));
        assertThat(values).containsExactlyElementsOf(
                Arrays.stream(PipelineStatus.State.values()).map(PipelineStatus.State::id).toList());
    }

    private static Properties messages() throws IOException {
        Properties p = new Properties();
        try (InputStream in = resource("messages.properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    private static InputStream resource(String name) {
        InputStream in = EnumLabelsTest.class.getClassLoader().getResourceAsStream(name);
        assertThat(in).as(name + " on the class path").isNotNull();
        return in;
    }
}
