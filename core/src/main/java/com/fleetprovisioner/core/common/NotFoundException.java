package com.fleetprovisioner.core.common;

/**
 * A requested thing does not exist (or is not visible to the caller): the web layer answers 404, saying
 * so with a message key and its arguments (the missing id), in the reader's language.
 */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Text text;

    public NotFoundException(String key, Object... args) {
        this(Text.of(key, args));
    }

    private NotFoundException(Text text) {
        super(text.toString());
        this.text = text;
    }

    public Text text() {
        return text;
    }
}
