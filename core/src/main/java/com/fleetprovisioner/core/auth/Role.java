package com.fleetprovisioner.core.auth;

import com.fleetprovisioner.core.common.ValidationException;
import java.util.Locale;

/** What a user may do. Each role includes everything the roles below it may do. */
public enum Role {
    /** Reads and exports. */
    VIEWER,
    /** Also uploads, adds devices, pauses, resumes, cancels and requeues. */
    OPERATOR,
    /** Also manages users, settings and reads the audit log. */
    ADMIN;

    public boolean includes(Role required) {
        return ordinal() >= required.ordinal();
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String value) {
        if (value != null) {
            for (Role role : values()) {
                if (role.id().equalsIgnoreCase(value.trim())) {
                    return role;
                }
            }
        }
        throw ValidationException.of("role", "users.error.role");
    }
}
