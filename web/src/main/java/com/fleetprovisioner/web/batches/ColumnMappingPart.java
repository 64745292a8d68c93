package com.fleetprovisioner.web.batches;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.intake.ColumnChoice;
import io.javalin.http.Context;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The API's optional multipart part {@code mapping}: a JSON object from column (header or 1-based number)
 * to field, e.g. {@code {"Tracker IMEI":"id","Device Type":"kind"}}, and the optional part
 * {@code firstRowIsData=true} for a file without a header. Read from the part's stream with a bound, so a
 * huge part costs no memory; every problem is a 422 naming it.
 */
final class ColumnMappingPart {
    /** 256 columns with long headers fit many times over. */
    static final int MAX_BYTES = 16 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private ColumnMappingPart() {
    }

    static Optional<ColumnChoice> read(Context ctx) {
        Optional<String> text = text(ctx);
        if (text.isEmpty() || text.get().isBlank()) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text.get());
        } catch (JsonProcessingException e) {
            throw invalid(e.getMessage() != null && e.getMessage().contains("Duplicate") ? "mapping.error.jsonTwice"
                    : "mapping.error.json", ColumnChoice.EXAMPLE);
        }
        if (node == null || !node.isObject()) {
            throw invalid("mapping.error.object", ColumnChoice.EXAMPLE);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            if (!entry.getValue().isTextual()) {
                throw invalid("mapping.error.notText", shorten(entry.getKey()), entry.getValue().getNodeType()
                        .name().toLowerCase(java.util.Locale.ROOT));
            }
            raw.put(entry.getKey(), entry.getValue().asText());
        }
        return Optional.of(ColumnChoice.parse(raw, "true".equals(ctx.formParam("firstRowIsData"))));
    }

    /** The part as text, refused past {@link #MAX_BYTES} before it is read into memory. */
    private static Optional<String> text(Context ctx) {
        Part part;
        try {
            if (!ctx.isMultipartFormData()) {
                return Optional.empty();
            }
            part = ctx.req().getPart("mapping");
        } catch (IOException | jakarta.servlet.ServletException | RuntimeException e) {
            return Optional.empty(); // the file part's own reading reports a broken request
        }
        if (part == null) {
            return Optional.empty();
        }
        if (part.getSize() > MAX_BYTES) {
            throw invalid("mapping.error.size", part.getSize(), MAX_BYTES);
        }
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw invalid("mapping.error.longer", MAX_BYTES);
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw invalid("mapping.error.unreadable");
        }
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private static ValidationException invalid(String key, Object... args) {
        return ValidationException.of("mapping", key, args);
    }
}
