package com.fleetprovisioner.web.apidocs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The readable API page: the OpenAPI document's operations by tag, built once from the document. */
record ApiDocsPage(String title, String version, Prose description, String documentPath, List<Section> sections) {
    record Section(String name, String anchor, Prose description, List<Operation> operations) {
    }

    /** Parameters are shown like body fields, their place ({@code path}, {@code query}) beside the type. */
    /** {@code role}: the least role that may call it, or {@value #PUBLIC} for anyone (then shown in words). */
    record Operation(String anchor, String method, String path, String summary, Prose description, String role,
            List<SchemaFields.Field> parameters, Optional<Body> request, List<Response> responses) {
        static final String PUBLIC = "public";

        public boolean open() {
            return PUBLIC.equals(role);
        }
    }

    record Body(String mediaType, List<SchemaFields.Shape> shapes, Optional<String> example) {
    }

    record Response(String status, Prose description, List<String> headers, Optional<Body> body) {
    }

    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    static ApiDocsPage of(JsonNode document) {
        SchemaFields schemas = new SchemaFields(document);
        Map<String, List<Operation>> byTag = new LinkedHashMap<>();
        SchemaFields.list(document.path("tags")).forEach(tag -> byTag.put(tag.path("name").asText(), new ArrayList<>()));
        document.path("paths").fields().forEachRemaining(path -> METHODS.stream()
                .filter(method -> path.getValue().has(method))
                .forEach(method -> {
                    JsonNode op = path.getValue().get(method);
                    String tag = op.path("tags").path(0).asText("");
                    byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(operation(document, schemas, method, path.getKey(), op));
                }));
        List<Section> sections = new ArrayList<>();
        byTag.forEach((name, operations) -> sections.add(new Section(name, "tag-" + slug(name),
                Prose.of(tagDescription(document, name)), List.copyOf(operations))));
        JsonNode info = document.path("info");
        return new ApiDocsPage(info.path("title").asText(), info.path("version").asText(),
                Prose.of(info.path("description").asText()), ApiDocsController.DOCUMENT_PATH, List.copyOf(sections));
    }

    private static Operation operation(JsonNode document, SchemaFields schemas, String method, String path, JsonNode op) {
        List<SchemaFields.Field> parameters = SchemaFields.list(op.path("parameters")).stream()
                .map(p -> new SchemaFields.Field(p.path("name").asText(),
                        schemas.type(p.path("schema")) + ", " + p.path("in").asText(),
                        p.path("required").asBoolean(false), Prose.of(p.path("description").asText(""))))
                .toList();
        Optional<Body> request = body(schemas, op.path("requestBody"));
        List<Response> responses = new ArrayList<>();
        op.path("responses").fields().forEachRemaining(r -> {
            JsonNode response = resolve(document, r.getValue());
            List<String> headers = new ArrayList<>();
            response.path("headers").fieldNames().forEachRemaining(headers::add);
            responses.add(new Response(r.getKey(), Prose.of(response.path("description").asText()), List.copyOf(headers),
                    body(schemas, response)));
        });
        String anchor = method + "-" + slug(path);
        return new Operation(anchor, method.toUpperCase(Locale.ROOT), path, op.path("summary").asText(),
                Prose.of(op.path("description").asText("")), op.path("x-role").asText(""), parameters, request,
                List.copyOf(responses));
    }

    /** The first media type of a request or response, with its fields and example; empty when it has no content. */
    private static Optional<Body> body(SchemaFields schemas, JsonNode holder) {
        var content = holder.path("content").fields();
        if (!content.hasNext()) {
            return Optional.empty();
        }
        var media = content.next();
        JsonNode example = media.getValue().path("example");
        return Optional.of(new Body(media.getKey(), schemas.shapes(media.getValue().path("schema")),
                example.isMissingNode() ? Optional.empty() : Optional.of(pretty(example))));
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        String ref = node.path("$ref").asText("");
        String prefix = "#/components/responses/";
        return ref.startsWith(prefix) ? document.path("components").path("responses").path(ref.substring(prefix.length()))
                : node;
    }

    private static String tagDescription(JsonNode document, String name) {
        return SchemaFields.list(document.path("tags")).stream().filter(t -> name.equals(t.path("name").asText()))
                .map(t -> t.path("description").asText("")).findFirst().orElse("");
    }

    private static String pretty(JsonNode example) {
        try {
            return PRETTY.writeValueAsString(example);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An example of the API description cannot be written", e);
        }
    }

    static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
