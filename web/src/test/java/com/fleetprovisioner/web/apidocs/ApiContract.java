package com.fleetprovisioner.web.apidocs;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.web.testing.TestClient;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The API's OpenAPI document as a referee: every request a test sends through it and every answer it
 * gets are checked against the document with Atlassian's swagger-request-validator, and each
 * (operation, status) that was met is counted, so a test can prove it met every documented answer.
 * Multipart bodies, which that library does not read, are checked here against the form's schema.
 */
final class ApiContract {
    /** One call's answer, already checked against the document. */
    record Answer(int status, String body, Map<String, List<String>> headers) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + body, e);
            }
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String text;
    private final OpenAPI model;
    private final OpenApiInteractionValidator validator;
    private final TestClient client;
    private final Set<String> met = new TreeSet<>();

    private ApiContract(String text, TestClient client) {
        this.text = text;
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(text, null, null);
        if (parsed.getOpenAPI() == null || !parsed.getMessages().isEmpty()) {
            throw new AssertionError("The API description does not parse: " + parsed.getMessages());
        }
        this.model = parsed.getOpenAPI();
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(text).build();
        this.client = client.withTimeout(Duration.ofSeconds(60));
    }

    /** The document as the web module ships it (the test classpath holds the same resource the server serves). */
    static ApiContract against(TestClient client) {
        return new ApiContract(resource(), client);
    }

    static String resource() {
        try (InputStream in = ApiContract.class.getClassLoader().getResourceAsStream(ApiDescription.RESOURCE)) {
            if (in == null) {
                throw new AssertionError(ApiDescription.RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    OpenAPI model() {
        return model;
    }

    /** Every documented answer as {@code METHOD path status}. */
    Set<String> documented() {
        Set<String> all = new TreeSet<>();
        model.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
                op.getResponses().keySet().forEach(status -> all.add(method + " " + path + " " + status))));
        return all;
    }

    /** Every answer met so far, as {@link #documented()} names them. */
    Set<String> met() {
        return Set.copyOf(met);
    }

    /** A request the document allows: request and answer must both match it. */
    Answer call(String method, String template, List<Object> params, Optional<String> token, Optional<String> json) {
        return exchange(method, template, params, token, json, true);
    }

    /**
     * A request that breaks the document on purpose (a hostile or malformed one): the document must
     * say so, and the server's answer must still be one it documents.
     */
    Answer callBreaking(String method, String template, List<Object> params, Optional<String> token,
            Optional<String> json) {
        return exchange(method, template, params, token, json, false);
    }

    /**
     * A request refused before its body is read (no valid token, a role too low): only the answer is
     * checked, whatever the body.
     */
    Answer refused(String method, String template, List<Object> params, Optional<String> token, Optional<String> json) {
        String path = fill(template, params);
        return answer(method, template, path, () -> client.send(method, path, token, json), Optional.empty());
    }

    /** A multipart upload (field {@code file} plus text parts), its parts checked against the form's schema. */
    Answer upload(String template, String token, Map<String, String> parts, String fileName, byte[] file,
            boolean partsFollowTheDocument) {
        List<String> problems = partProblems(template, parts);
        if (partsFollowTheDocument) {
            assertNoProblems("multipart parts of POST " + template, problems);
        } else if (problems.isEmpty()) {
            throw new AssertionError("The document allows parts " + parts.keySet() + " that the test meant to break it");
        }
        // the library reads no multipart body (the parts are checked above): it is told the body is there
        Request request = SimpleRequest.Builder.post(template).withContentType("multipart/form-data; boundary=parts")
                .withAuthorization("Bearer " + token).withBody("parts " + parts.keySet()).build();
        return answer("POST", template, template,
                () -> client.postFile(template, Optional.of(token), parts, fileName, file), Optional.of(request));
    }

    private Answer exchange(String method, String template, List<Object> params, Optional<String> token,
            Optional<String> json, boolean followsTheDocument) {
        String path = fill(template, params);
        Supplier<HttpResponse<String>> http = () -> client.send(method, path, token, json);
        Request request = request(method, path, token, json);
        if (followsTheDocument) {
            return answer(method, template, path, http, Optional.of(request));
        }
        ValidationReport report = validator.validateRequest(request);
        if (!report.hasErrors()) {
            throw new AssertionError("The document allows " + method + " " + path + " " + json.orElse("")
                    + ", which the test meant to break it");
        }
        return answer(method, template, path, http, Optional.empty());
    }

    private Answer answer(String method, String template, String path, Supplier<HttpResponse<String>> http,
            Optional<Request> request) {
        HttpResponse<String> response = http.get();
        SimpleResponse.Builder checked = SimpleResponse.Builder.status(response.statusCode());
        response.headers().map().forEach((name, values) -> checked.withHeader(name, values));
        if (!response.body().isEmpty()) {
            checked.withBody(response.body());
        }
        ValidationReport report = request.map(r -> validator.validate(r, checked.build()))
                .orElseGet(() -> validator.validateResponse(path.replaceAll("\\?.*", ""),
                        Request.Method.valueOf(method), checked.build()));
        assertNoProblems(method + " " + path + " answered " + response.statusCode() + " " + response.body(),
                report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                        .map(ValidationReport.Message::toString).toList());
        String key = method + " " + template.replaceAll("\\?.*", "") + " " + response.statusCode();
        if (!documented().contains(key)) {
            throw new AssertionError("Not documented (only the default answer would match): " + key);
        }
        met.add(key);
        return new Answer(response.statusCode(), response.body(), response.headers().map());
    }

    private static Request request(String method, String path, Optional<String> token, Optional<String> json) {
        String[] pathAndQuery = path.split("\\?", 2);
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, pathAndQuery[0]);
        token.ifPresent(t -> request.withAuthorization("Bearer " + t));
        json.ifPresent(body -> request.withContentType("application/json").withBody(body));
        if (pathAndQuery.length > 1) {
            for (String pair : pathAndQuery[1].split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.withQueryParam(nameValue[0], nameValue.length > 1 ? nameValue[1] : "");
            }
        }
        return request.build();
    }

    /** The form's parts against its schema: known names, required ones present, enums, patterns and lengths kept. */
    @SuppressWarnings("rawtypes")
    private List<String> partProblems(String template, Map<String, String> parts) {
        Schema<?> form = model.getPaths().get(template).getPost().getRequestBody().getContent().get("multipart/form-data")
                .getSchema();
        if (form.get$ref() != null) {
            form = model.getComponents().getSchemas().get(form.get$ref().replace("#/components/schemas/", ""));
        }
        Map<String, Schema> properties = form.getProperties();
        List<String> problems = new ArrayList<>();
        for (String required : form.getRequired()) {
            if (!required.equals("file") && !parts.containsKey(required)) {
                problems.add("missing part " + required);
            }
        }
        parts.forEach((name, value) -> {
            Schema<?> part = properties.get(name);
            if (part == null) {
                problems.add("undocumented part " + name);
                return;
            }
            if (part.getEnum() != null && !part.getEnum().contains(value)) {
                problems.add(name + " is not one of " + part.getEnum());
            }
            if (part.getPattern() != null && !value.matches(part.getPattern())) {
                problems.add(name + " does not match " + part.getPattern());
            }
            if (part.getMaxLength() != null && value.length() > part.getMaxLength()) {
                problems.add(name + " is longer than " + part.getMaxLength());
            }
        });
        return problems;
    }

    private static String fill(String template, List<Object> params) {
        String path = template;
        for (Object param : params) {
            path = path.replaceFirst("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(String.valueOf(param)));
        }
        return path;
    }

    private static void assertNoProblems(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError(what + " does not match the API description:\n  "
                    + problems.stream().collect(Collectors.joining("\n  ")));
        }
    }

    String text() {
        return text;
    }
}
