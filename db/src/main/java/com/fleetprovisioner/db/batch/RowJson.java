package com.fleetprovisioner.db.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.core.intake.RowMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JSON columns of batch and batch_row: cells as read, and messages. Long cells are cut to fit the column. A
 * message is stored as its key and arguments; one stored before messages had keys has only its English
 * {@code text}, shown as it is.
 */
final class RowJson {
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessageJson(String severity, String field, String column, String text, String key, List<String> args) {
        Text toText() {
            return key == null || key.isEmpty() ? Text.verbatim(text) : new Text(key, args == null ? List.of() : args);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> CELLS = new TypeReference<>() { };
    private static final TypeReference<List<MessageJson>> MESSAGES = new TypeReference<>() { };

    private RowJson() {
    }

    static String cells(List<String> cells, int maxChars) {
        String json = strings(cells);
        for (int cut = 1000; json.length() > maxChars && cut >= 10; cut /= 2) {
            int limit = cut;
            json = strings(cells.stream().map(c -> c.length() > limit ? c.substring(0, limit) + "…" : c).toList());
        }
        if (json.length() > maxChars) {
            json = strings(cells.subList(0, Math.min(cells.size(), 50)).stream()
                    .map(c -> c.length() > 10 ? c.substring(0, 10) + "…" : c).toList());
        }
        return json;
    }

    static List<String> cells(String json) {
        return json == null ? List.of() : read(json, CELLS);
    }

    static String messages(List<RowMessage> messages, int maxChars) {
        List<MessageJson> out = new ArrayList<>();
        for (RowMessage m : messages) {
            out.add(new MessageJson(m.severity().name().toLowerCase(java.util.Locale.ROOT),
                    m.field().map(DeviceField::key).orElse(null), m.column(), null, m.text().key(),
                    m.text().args().isEmpty() ? null : m.text().args()));
        }
        String json = write(out);
        while (json.length() > maxChars && out.size() > 1) {
            out.remove(out.size() - 1);
            json = write(out);
        }
        return json;
    }

    static List<RowMessage> messages(String json) {
        if (json == null) {
            return List.of();
        }
        return read(json, MESSAGES).stream().map(m -> new RowMessage(
                RowMessage.Severity.valueOf(m.severity().toUpperCase(java.util.Locale.ROOT)),
                Optional.ofNullable(m.field()).map(f -> DeviceField.valueOf(f.toUpperCase(java.util.Locale.ROOT))),
                m.column() == null ? "" : m.column(), m.toText())).toList();
    }

    static String strings(List<String> values, int maxChars) {
        return cells(values, maxChars);
    }

    /**
     * A JSON array of strings, written by hand: every row of an upload passes here, and Jackson's
     * generator set up per call was 5 % of a 100,000-row upload. Escapes what JSON requires (quote,
     * backslash, control characters); Jackson reads it back.
     */
    static String strings(List<String> values) {
        StringBuilder json = new StringBuilder(16 * values.size() + 2).append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                json.append(',');
            }
            quote(json, values.get(i));
        }
        return json.append(']').toString();
    }

    private static void quote(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Lists of strings always serialise", e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON column this application wrote could not be read", e);
        }
    }
}
