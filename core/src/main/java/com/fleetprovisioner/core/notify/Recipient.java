package com.fleetprovisioner.core.notify;

/** A user who may get emails: an address, and whether they opted out. */
public record Recipient(long userId, String username, String email, boolean optedOut) {
}
