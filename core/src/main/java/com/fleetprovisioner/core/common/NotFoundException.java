package com.fleetprovisioner.core.common;

/** A requested thing does not exist (or is not visible to the caller): the web layer answers 404. */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
