package com.fleetprovisioner.web.routing;

import com.fleetprovisioner.core.auth.Role;
import io.javalin.security.RouteRole;
import java.util.Optional;

/** Who may reach a route. Every route names one; a route that names none is refused to everyone. */
public enum Access implements RouteRole {
    PUBLIC(null),
    VIEWER(Role.VIEWER),
    OPERATOR(Role.OPERATOR),
    ADMIN(Role.ADMIN);

    private final Role minimum;

    Access(Role minimum) {
        this.minimum = minimum;
    }

    /** The least role that may pass, or empty for public routes. */
    public Optional<Role> minimum() {
        return Optional.ofNullable(minimum);
    }
}
