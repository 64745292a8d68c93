package com.fleetprovisioner.fleetfreedom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Set;

/**
 * Frames ⇄ messages. A frame is {@code <name> <json object>} or a bare name (§2). Decoding never
 * throws: garbage becomes {@link Inbound.DecodeError}, so a bad frame cannot kill a socket thread.
 * Thread-safe (Jackson mappers are).
 */
public final class FrameCodec {

    /** The vendor's datetime format, {@code yyyy-MM-ddTHH:mm:ss.fffZ}, always with milliseconds. */
    static final DateTimeFormatter WIRE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final Set<String> DETAIL_KINDS = Set.of("throttled", "parse", "enum", "input", "minMax");

    private final ObjectMapper mapper;

    public FrameCodec() {
        SimpleModule wireTime = new SimpleModule("wire-time");
        wireTime.addSerializer(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(WIRE_TIME.format(value));
            }
        });
        this.mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(wireTime)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** {@code reqId} goes at the top level of the body (§2). */
    public String encode(Command command, long reqId) {
        ObjectNode body = mapper.valueToTree(command);
        body.put("reqId", reqId);
        return command.commandName() + " " + body;
    }

    /** Encodes any named body (the simulator's replies and pushes). */
    public String encode(String name, Object body) {
        try {
            return body == null ? name : name + " " + mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + name, e);
        }
    }

    public static String formatTime(Instant instant) {
        return WIRE_TIME.format(instant);
    }

    public Inbound decode(String frame) {
        try {
            return decodeOrThrow(frame);
        } catch (RuntimeException | IOException e) {
            return new Inbound.DecodeError(frame, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Maps a JSON node to a record; null stays null. */
    public <T> T read(JsonNode node, Class<T> type) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unexpected " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private Inbound decodeOrThrow(String frame) throws IOException {
        if (frame == null || frame.isBlank()) {
            return new Inbound.DecodeError(String.valueOf(frame), "empty frame");
        }
        String trimmed = frame.strip();
        int space = trimmed.indexOf(' ');
        String name = space < 0 ? trimmed : trimmed.substring(0, space);
        String json = space < 0 ? "" : trimmed.substring(space + 1).strip();
        if (!name.chars().allMatch(Character::isLetterOrDigit)) {
            return new Inbound.DecodeError(frame, "not a message name: " + abbreviate(name));
        }
        JsonNode body = json.isEmpty() ? mapper.createObjectNode() : mapper.readTree(json);
        if (body == null || !body.isObject()) {
            return new Inbound.DecodeError(frame, "body is not a JSON object");
        }
        return switch (name) {
            case "broadcast" -> mapper.treeToValue(body, Inbound.Broadcast.class);
            case "sessionEnded" -> new Inbound.SessionEnded(mapper.treeToValue(body, SessionInfo.class));
            default -> name.endsWith("Response") ? reply(name, body) : new Inbound.Unsolicited(name, body);
        };
    }

    private Inbound.Reply reply(String name, JsonNode body) {
        JsonNode reqId = body.get("reqId");
        JsonNode code = body.get("errorCode");
        return new Inbound.Reply(name,
                reqId != null && reqId.canConvertToLong() ? reqId.asLong() : null,
                code != null && code.isNumber() ? code.asInt() : (code == null ? 0 : ErrorCode.unrecognised.number()),
                body.path("message").asText(""),
                details(body.get("errorDetails")),
                body);
    }

    private Optional<ErrorDetails> details(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        String kind = node.path("kind").asText("");
        if (!DETAIL_KINDS.contains(kind)) {
            return Optional.of(new ErrorDetails.Other(kind, node));
        }
        try {
            return Optional.of(mapper.treeToValue(node, ErrorDetails.class));
        } catch (JsonProcessingException e) {
            return Optional.of(new ErrorDetails.Other(kind, node));
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
