package com.fleetprovisioner.web.render;

import java.util.Optional;

/**
 * What the one layout shows around every page: who is signed in, what they may reach, the CSRF
 * token for forms, the one-time flash message, whether the target is the simulator, and why sending
 * is held (an account problem, throttling, maintenance) when it is, and the page's
 * language ({@code <html lang>}).
 */
public record LayoutModel(
        Optional<String> username,
        Optional<String> role,
        boolean operator,
        boolean admin,
        String csrfToken,
        Optional<String> flash,
        boolean simulatorTarget,
        String version,
        Optional<String> pipelineAlert,
        String language) {
}
