package com.fleetprovisioner.web.render;

import java.util.Optional;

/**
 * What the one layout shows around every page: who is signed in, what they may reach, the CSRF
 * token for forms, the one-time flash message, and whether the target is the simulator.
 */
public record LayoutModel(
        Optional<String> username,
        Optional<String> role,
        boolean operator,
        boolean admin,
        String csrfToken,
        Optional<String> flash,
        boolean simulatorTarget,
        String version) {
}
