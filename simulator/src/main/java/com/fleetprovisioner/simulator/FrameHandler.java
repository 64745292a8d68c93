package com.fleetprovisioner.simulator;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fleetprovisioner.fleetfreedom.ErrorCode;
import com.fleetprovisioner.fleetfreedom.FrameCodec;
import com.fleetprovisioner.common.Secrets;
import java.time.Clock;
import java.time.Instant;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Splits a text frame into name and JSON, answers parse errors, runs the command and applies drops. */
final class FrameHandler {

    private static final Logger log = LoggerFactory.getLogger(FrameHandler.class);
    /** Reply name when a frame has no usable name at all (our decision; the vendor's is unknown). */
    static final String NAMELESS_REPLY = "errorResponse";

    private final CommandProcessor processor;
    private final FrameCodec codec;
    private final Replies replies;
    private final Clock clock;

    FrameHandler(CommandProcessor processor, FrameCodec codec, Clock clock) {
        this.processor = processor;
        this.codec = codec;
        this.replies = new Replies(codec.mapper());
        this.clock = clock;
    }

    void handle(Connection c, String frame) {
        if (log.isDebugEnabled()) {
            log.debug("< {}", Secrets.maskFrame(frame));
        }
        String trimmed = frame.strip();
        int space = trimmed.indexOf(' ');
        String name = space < 0 ? trimmed : trimmed.substring(0, space);
        String json = space < 0 ? "" : trimmed.substring(space + 1);
        boolean named = !name.isEmpty() && name.chars().allMatch(Character::isLetterOrDigit);
        if (!named) {
            json = trimmed;
        }
        JsonNode body;
        try {
            body = json.isBlank() ? replies.object() : codec.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            send(c, named ? name + "Response" : NAMELESS_REPLY, parseError(json, e));
            return;
        }
        if (!named || body == null || !body.isObject()) {
            JsonNode reqId = body != null && body.isObject() ? body.get("reqId") : null;
            send(c, named ? name + "Response" : NAMELESS_REPLY, replies.error(reqId, ErrorCode.invalidData,
                    named ? "The body must be a JSON object" : "A frame must start with a command name",
                    replies.details("parse").put("line", 1).put("column", 1).put("after", "")));
            return;
        }
        CommandProcessor.Result result = processor.handle(c, name, body, clock.instant());
        if (result.drop() == CommandProcessor.Drop.BEFORE_APPLY) {
            c.socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped before apply (fault injection)");
            return;
        }
        if (result.drop() == CommandProcessor.Drop.AFTER_APPLY) {
            c.socket.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped after apply (fault injection)");
            return;
        }
        send(c, name + "Response", result.reply());
    }

    /** A resumed session's shape, or a new guest ghostId and expiry (after error 19 if the resume failed). */
    void connectionResponse(Connection c, String ghostId, Instant now) {
        ObjectNode body = replies.ok(null);
        Session resumed = processor.resume(c, ghostId, now);
        if (ghostId != null && !ghostId.isEmpty() && resumed == null) {
            body = replies.error(null, ErrorCode.sessionNotFound, "Session not found or expired");
        }
        Session shown = resumed != null ? resumed : processor.welcomeGuest(c, now);
        send(c, "connectionResponse", processor.sessionShape(body, shown, now));
    }

    private ObjectNode parseError(String json, JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        int line = at == null ? 1 : Math.max(1, at.getLineNr());
        int column = at == null ? 1 : Math.max(1, at.getColumnNr());
        long offset = at == null ? 0 : Math.max(0, Math.min(json.length(), at.getCharOffset()));
        String after = json.substring((int) Math.max(0, offset - 20), (int) offset);
        return replies.error(null, ErrorCode.invalidData, "Unable to parse JSON: " + e.getOriginalMessage(),
                replies.details("parse").put("line", line).put("column", column).put("after", after));
    }

    private void send(Connection c, String name, ObjectNode body) {
        String frame = codec.encode(name, body);
        if (log.isDebugEnabled()) {
            log.debug("> {}", Secrets.maskFrame(frame));
        }
        c.send(frame);
    }
}
