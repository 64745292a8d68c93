package com.fleetprovisioner.web.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The REST API's OpenAPI document, {@code openapi/openapi.json} on the classpath: read once at start,
 * served as it is written and rendered into the readable page. It describes only what the API does;
 * no setting, host name or secret of the running process is in it.
 */
public final class ApiDescription {
    /** Where the document lives on the classpath; the tests read the same file. */
    public static final String RESOURCE = "openapi/openapi.json";

    private final byte[] bytes;
    private final JsonNode document;

    private ApiDescription(byte[] bytes, JsonNode document) {
        this.bytes = bytes;
        this.document = document;
    }

    /** Fails at start when the document is missing or is not JSON: a broken description is never served. */
    public static ApiDescription load() {
        try (InputStream in = ApiDescription.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            byte[] bytes = in.readAllBytes();
            return new ApiDescription(bytes, new ObjectMapper().readTree(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + RESOURCE, e);
        }
    }

    byte[] bytes() {
        return bytes.clone();
    }

    JsonNode document() {
        return document;
    }
}
