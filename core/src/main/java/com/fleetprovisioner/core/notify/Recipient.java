package com.fleetprovisioner.core.notify;

import java.util.Optional;

/**
 * A user who may get emails: an address (empty when none), whether they opted out, and the language tag
 * they chose for the pages (empty for "automatic": their emails are in English).
 */
public record Recipient(long userId, String username, String email, boolean optedOut, Optional<String> language) {
    public boolean wantsEmail() {
        return !email.isEmpty() && !optedOut;
    }
}
