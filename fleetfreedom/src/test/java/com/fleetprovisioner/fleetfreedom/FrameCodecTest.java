package com.fleetprovisioner.fleetfreedom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {

    private final FrameCodec codec = new FrameCodec();

    @Test
    void encodesMergeProviderWithoutVersionAndWithReqIdAtTheTopLevel() throws Exception {
        String frame = codec.encode(new Command.MergeProvider(
                new NewProvider("356938035643809", "calamp", 42, "pw", "+1555", 7L, null)), 7);
        assertThat(frame).startsWith("mergeProvider {");
        var body = codec.mapper().readTree(frame.substring(frame.indexOf(' ') + 1));
        assertThat(body.get("reqId").asLong()).isEqualTo(7);
        var provider = body.get("provider");
        assertThat(provider.get("id").asText()).isEqualTo("356938035643809");
        assertThat(provider.get("company").asLong()).isEqualTo(42);
        assertThat(provider.get("phoneNumber").asText()).isEqualTo("+1555");
        assertThat(provider.get("config").asLong()).isEqualTo(7);
        assertThat(provider.has("v")).isFalse();
        assertThat(provider.has("name")).isFalse();
        assertThat(body.has("commandName")).isFalse();
    }

    @Test
    void encodesLoginAndGetProvider() {
        assertThat(codec.encode(new Command.Login("u", "p", "agent"), 1))
                .isEqualTo("login {\"username\":\"u\",\"password\":\"p\",\"userAgent\":\"agent\",\"reqId\":1}");
        assertThat(codec.encode(new Command.GetProvider(new Command.ProviderKey("abc"), true), 2))
                .isEqualTo("getProvider {\"provider\":{\"id\":\"abc\"},\"includeDeleted\":true,\"reqId\":2}");
        assertThat(codec.encode(new Command.Noop(), 3)).isEqualTo("noop {\"reqId\":3}");
    }

    @Test
    void decodesAReplyToleratingUnknownFields() {
        var in = codec.decode("mergeProviderResponse {\"reqId\":7,\"errorCode\":0,\"message\":\"\","
                + "\"provider\":{\"id\":\"356938035643809\",\"company\":42,\"brandNew\":true},\"extra\":{}}");
        assertThat(in).isInstanceOf(Inbound.Reply.class);
        var reply = (Inbound.Reply) in;
        assertThat(reply.reqId()).isEqualTo(7L);
        assertThat(reply.ok()).isTrue();
        assertThat(codec.read(reply.body().get("provider"), Listings.ProviderRef.class))
                .isEqualTo(new Listings.ProviderRef("356938035643809", 42L));
    }

    @Test
    void decodesErrorDetailsOfEveryKind() {
        assertThat(details("{\"kind\":\"throttled\",\"ghostId\":\"g\",\"login\":\"l\",\"ip\":\"1.2.3.4\",\"command\":\"mergeProvider\",\"count\":9,\"timeout\":2.5}"))
                .isEqualTo(new ErrorDetails.Throttled("g", "l", "1.2.3.4", "mergeProvider", 9, 2.5));
        assertThat(details("{\"kind\":\"parse\",\"line\":1,\"column\":5,\"after\":\"{\\\"a\"}"))
                .isEqualTo(new ErrorDetails.Parse(1, 5, "{\"a"));
        assertThat(details("{\"kind\":\"enum\",\"input\":\"x\",\"valid\":[\"calamp\"]}"))
                .isEqualTo(new ErrorDetails.EnumValue("x", java.util.List.of("calamp")));
        assertThat(details("{\"kind\":\"input\",\"input\":\"123\"}")).isEqualTo(new ErrorDetails.Input("123"));
        assertThat(details("{\"kind\":\"minMax\",\"min\":10,\"max\":50}")).isEqualTo(new ErrorDetails.MinMax(10.0, 50.0));
        assertThat(details("{\"kind\":\"badIds\",\"ids\":[1]}")).isInstanceOf(ErrorDetails.Other.class);
        assertThat(((ErrorDetails.Throttled) details("{\"kind\":\"throttled\",\"timeout\":2.5}")).delay())
                .contains(java.time.Duration.ofMillis(2500));
    }

    @Test
    void unknownErrorNumbersDoNotCrash() {
        var reply = (Inbound.Reply) codec.decode("getProviderResponse {\"reqId\":1,\"errorCode\":999,\"message\":\"?\"}");
        assertThat(reply.code()).isEqualTo(ErrorCode.unrecognised);
        assertThat(reply.errorCode()).isEqualTo(999);
    }

    @Test
    void decodesUnsolicitedMessages() {
        var b = codec.decode("broadcast {\"kind\":\"maintenance\",\"serverTime\":\"2026-11-27T21:00:00.000Z\","
                + "\"message\":\"m\",\"starting\":\"2026-11-27T22:00:00.000Z\",\"ending\":\"2026-11-27T23:00:00.000Z\"}");
        assertThat(b).isInstanceOfSatisfying(Inbound.Broadcast.class, x -> {
            assertThat(x.isMaintenance()).isTrue();
            assertThat(x.starting()).isEqualTo(Instant.parse("2026-11-27T22:00:00Z"));
        });
        assertThat(codec.decode("sessionEnded {\"ghostId\":\"g\",\"errorCode\":0}")).isInstanceOf(Inbound.SessionEnded.class);
        assertThat(codec.decode("providerGeneralMerged {\"id\":\"x\"}")).isInstanceOf(Inbound.Unsolicited.class);
        assertThat(codec.decode("noopResponse")).isInstanceOf(Inbound.Reply.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "}{", "mergeProviderResponse {", "mergeProviderResponse [1]",
        "mergeProviderResponse {\"reqId\":1,,}", "\u0000\u0001", "broadcast {\"starting\":\"yesterday\"}"})
    void garbageBecomesADecodeErrorNeverAnException(String frame) {
        assertThat(codec.decode(frame)).isInstanceOf(Inbound.DecodeError.class);
    }

    @Test
    void writesTimesInTheVendorFormatWithMilliseconds() {
        assertThat(FrameCodec.formatTime(Instant.parse("2026-11-27T21:00:00Z"))).isEqualTo("2026-11-27T21:00:00.000Z");
        assertThat(codec.encode("x", new SessionInfo("g", Instant.parse("2026-11-27T21:00:00.123456Z"), null, null, null, null)))
                .isEqualTo("x {\"ghostId\":\"g\",\"expiry\":\"2026-11-27T21:00:00.123Z\"}");
    }

    private ErrorDetails details(String json) {
        var reply = (Inbound.Reply) codec.decode("xResponse {\"errorCode\":3,\"errorDetails\":" + json + "}");
        return reply.errorDetails().orElseThrow();
    }
}
