package com.fleetprovisioner.web.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A schema of the document as rows of a table: one row per field, nested objects and arrays of
 * objects flattened into dotted names ({@code totals.rows}, {@code problems[].messages[].text}).
 */
final class SchemaFields {
    /** Deep enough for every body of this API; a cycle would stop here rather than loop. */
    private static final int MAX_DEPTH = 5;
    private static final String REF_PREFIX = "#/components/schemas/";

    record Field(String name, String type, boolean required, Prose description) {
    }

    /** A body's schema: its name in the document (empty for one written in place) and its fields. */
    record Shape(String name, String type, List<Field> fields) {
    }

    private final JsonNode components;

    SchemaFields(JsonNode document) {
        this.components = document.path("components").path("schemas");
    }

    /** One shape per alternative of a {@code oneOf}, else one. */
    List<Shape> shapes(JsonNode schema) {
        JsonNode alternatives = schema.path("oneOf");
        List<JsonNode> each = alternatives.isArray() ? list(alternatives) : List.of(schema);
        return each.stream().map(s -> new Shape(refName(s).orElse(""), type(resolve(s)), fields(s))).toList();
    }

    List<Field> fields(JsonNode schema) {
        List<Field> out = new ArrayList<>();
        collect(resolve(schema), "", out, 0);
        return List.copyOf(out);
    }

    String type(JsonNode schema) {
        JsonNode s = resolve(schema);
        StringBuilder type = new StringBuilder();
        if (s.has("oneOf") || s.has("anyOf")) {
            type.append(list(s.has("oneOf") ? s.get("oneOf") : s.get("anyOf")).stream().map(this::type)
                    .collect(Collectors.joining(" | ")));
        } else if ("array".equals(s.path("type").asText())) {
            type.append(type(s.path("items"))).append("[]");
        } else {
            type.append(s.path("type").asText("any"));
            if ("object".equals(s.path("type").asText()) && s.path("additionalProperties").isObject()) {
                type.append(" of ").append(type(s.path("additionalProperties")));
            }
        }
        if (s.has("format")) {
            type.append(" (").append(s.get("format").asText()).append(')');
        }
        if (s.has("enum")) {
            type.append(": ").append(list(s.get("enum")).stream().filter(v -> !v.isNull()).map(JsonNode::asText)
                    .collect(Collectors.joining(" | ")));
        }
        if (s.path("nullable").asBoolean(false)) {
            type.append(", or null");
        }
        return type.toString();
    }

    private void collect(JsonNode schema, String prefix, List<Field> out, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        List<String> required = list(schema.path("required")).stream().map(JsonNode::asText).toList();
        schema.path("properties").fields().forEachRemaining(property -> {
            JsonNode value = resolve(property.getValue());
            String name = prefix + property.getKey();
            String description = value.path("description").asText(property.getValue().path("description").asText(""));
            out.add(new Field(name, type(value), required.contains(property.getKey()), Prose.of(description)));
            if (value.has("properties")) {
                collect(value, name + ".", out, depth + 1);
            } else if (resolve(value.path("items")).has("properties")) {
                collect(resolve(value.path("items")), name + "[].", out, depth + 1);
            }
        });
    }

    JsonNode resolve(JsonNode schema) {
        return refName(schema).map(components::path).orElse(schema);
    }

    private static Optional<String> refName(JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith(REF_PREFIX) ? Optional.of(ref.substring(REF_PREFIX.length())) : Optional.empty();
    }

    static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
