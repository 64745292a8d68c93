package com.fleetprovisioner.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fleetprovisioner.fleetfreedom.ErrorCode;

/** Builds reply bodies: {@code reqId} only when the request had one, then errorCode, message, errorDetails. */
final class Replies {

    private final ObjectMapper mapper;

    Replies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode ok(JsonNode reqId) {
        ObjectNode body = mapper.createObjectNode();
        if (reqId != null) {
            body.set("reqId", reqId);
        }
        body.put("errorCode", 0);
        body.put("message", "");
        return body;
    }

    ObjectNode error(JsonNode reqId, ErrorCode code, String message) {
        ObjectNode body = ok(reqId);
        body.put("errorCode", code.number());
        body.put("message", message);
        return body;
    }

    ObjectNode error(JsonNode reqId, ErrorCode code, String message, ObjectNode details) {
        ObjectNode body = error(reqId, code, message);
        body.set("errorDetails", details);
        return body;
    }

    ObjectNode details(String kind) {
        ObjectNode d = mapper.createObjectNode();
        d.put("kind", kind);
        return d;
    }

    ObjectNode object() {
        return mapper.createObjectNode();
    }

    JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }
}
