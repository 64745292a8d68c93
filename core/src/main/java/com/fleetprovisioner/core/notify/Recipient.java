package com.fleetprovisioner.core.notify;

/** A user who may get emails: an address (empty when none), and whether they opted out. */
public record Recipient(long userId, String username, String email, boolean optedOut) {
    public boolean wantsEmail() {
        return !email.isEmpty() && !optedOut;
    }
}
