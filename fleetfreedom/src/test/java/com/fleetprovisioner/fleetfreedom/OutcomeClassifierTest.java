package com.fleetprovisioner.fleetfreedom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OutcomeClassifierTest {

    private final FrameCodec codec = new FrameCodec();

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void retryable(int code) {
        assertThat(classify(code, "")).isInstanceOf(CommandOutcome.Retryable.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 6, 28, 43, 48, 61, 130, 92, 999})
    void permanentWithAReasonAUserCanActOn(int code) {
        CommandOutcome<Object> outcome = classify(code, "");
        assertThat(outcome).isInstanceOf(CommandOutcome.Permanent.class);
        assertThat(((CommandOutcome.Permanent<Object>) outcome).reason()).isNotBlank();
    }

    @ParameterizedTest
    @ValueSource(ints = {11, 14, 16})
    void stop(int code) {
        assertThat(classify(code, "")).isInstanceOfSatisfying(CommandOutcome.Stop.class,
                s -> assertThat(s.reason()).contains("admin"));
    }

    @ParameterizedTest
    @ValueSource(ints = {73, 105})
    void throttlingCarriesTheServersDelay(int code) {
        CommandOutcome<Object> outcome = classify(code, ",\"errorDetails\":{\"kind\":\"throttled\",\"timeout\":3}");
        assertThat(outcome).isEqualTo(new CommandOutcome.Retryable<>(ErrorCode.of(code), "m",
                Optional.of(Duration.ofSeconds(3))));
    }

    @Test
    void invalidDataShowsTheDetails() {
        CommandOutcome<Object> outcome = classify(3, ",\"errorDetails\":{\"kind\":\"enum\",\"input\":\"gps\",\"valid\":[\"calamp\"]}");
        var p = (CommandOutcome.Permanent<Object>) outcome;
        assertThat(p.reason()).contains("gps").contains("calamp");
        assertThat(p.details()).containsInstanceOf(ErrorDetails.EnumValue.class);
    }

    private CommandOutcome<Object> classify(int code, String extra) {
        return OutcomeClassifier.classify((Inbound.Reply) codec.decode(
                "mergeProviderResponse {\"reqId\":1,\"errorCode\":" + code + ",\"message\":\"m\"" + extra + "}"));
    }
}
