package com.fleetprovisioner.core.common;

import java.util.Map;

/**
 * Input a person gave is not acceptable. Carries one message per field so a form can be shown
 * again with each message beside its field (the web layer answers 422).
 */
public final class ValidationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> fieldErrors;

    public ValidationException(Map<String, String> fieldErrors) {
        super(String.join("; ", fieldErrors.values()));
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(Map.of(field, message));
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
