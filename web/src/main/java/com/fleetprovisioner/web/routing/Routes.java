package com.fleetprovisioner.web.routing;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers routes on Javalin with exactly one {@link Access} each, and remembers them, so that a
 * test can prove every route enforces what it declares.
 */
public final class Routes {
    private final Javalin app;
    private final List<RouteSpec> specs = new ArrayList<>();

    public Routes(Javalin app) {
        this.app = app;
    }

    public Routes get(String path, Access access, Handler handler) {
        specs.add(new RouteSpec("GET", path, access));
        app.get(path, ErrorGuard.guard(handler), access);
        return this;
    }

    public Routes post(String path, Access access, Handler handler) {
        specs.add(new RouteSpec("POST", path, access));
        app.post(path, ErrorGuard.guard(handler), access);
        return this;
    }

    public Routes delete(String path, Access access, Handler handler) {
        specs.add(new RouteSpec("DELETE", path, access));
        app.delete(path, ErrorGuard.guard(handler), access);
        return this;
    }

    public List<RouteSpec> specs() {
        return List.copyOf(specs);
    }
}
