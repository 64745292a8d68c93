package com.fleetprovisioner.core.common;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Input a person gave is not acceptable. Carries one {@link Text} per field (a message key with its
 * arguments, never a sentence) so a form can be shown again with each message beside its field, in
 * the reader's language (the web layer answers 422). Fields keep the order they were given in.
 */
public final class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, Text> fieldErrors;

    public ValidationException(Map<String, Text> fieldErrors) {
        super(fieldErrors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; ")));
        this.fieldErrors = Collections.unmodifiableMap(new LinkedHashMap<>(fieldErrors));
    }

    /** One field refused with the message {@code key} and its arguments. */
    public static ValidationException of(String field, String key, Object... args) {
        return new ValidationException(Map.of(field, Text.of(key, args)));
    }

    /** Fields refused each with a message key that takes no arguments, in the map's order. */
    public static ValidationException ofKeys(Map<String, String> fieldKeys) {
        Map<String, Text> texts = new LinkedHashMap<>();
        fieldKeys.forEach((field, key) -> texts.put(field, Text.of(key)));
        return new ValidationException(texts);
    }

    public Map<String, Text> fieldErrors() {
        return fieldErrors;
    }

    /** The first field's text: what a flash, which has room for one sentence, shows. */
    public Text first() {
        return fieldErrors.values().iterator().next();
    }
}
