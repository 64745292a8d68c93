package com.fleetprovisioner.web.pickers;

import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.intake.FleetFreedomDirectory;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * The pickers' two requests: a company's configurations as JSON (for the few lines of app.js that refill the
 * configuration list when the company changes) and "Refresh from Fleet Freedom", which drops the cached lists.
 */
public final class PickersController {
    /** The pages with pickers: the only places a refresh goes back to. */
    static final Set<String> PAGES = Set.of("/devices/new", "/batches/new", "/settings", "/history");

    /** {@code configurations}: value and label of each; {@code available} false: the page asks for the number. */
    public record ConfigurationsJson(boolean available, List<Picker.Choice> configurations) {
    }

    private final Pickers pickers;
    private final AuditLog audit;
    private final PageRenderer renderer;
    private final Flash flash;
    private final Clock clock;

    public PickersController(Pickers pickers, AuditLog audit, PageRenderer renderer, Flash flash, Clock clock) {
        this.pickers = pickers;
        this.audit = audit;
        this.renderer = renderer;
        this.flash = flash;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.get("/pickers/configurations", Access.OPERATOR, this::configurations);
        routes.post("/pickers/refresh", Access.OPERATOR, this::refresh);
    }

    private void configurations(Context ctx) {
        Picker picker = pickers.configurations(ctx.queryParam("company"), "");
        ctx.header("Cache-Control", "no-store");
        ctx.json(new ConfigurationsJson(picker.available(), picker.choices()));
    }

    private void refresh(Context ctx) {
        FleetFreedomDirectory directory = pickers.directory();
        directory.refresh();
        audit.record(new AuditEntry(clock.instant(), Principal.actor(ctx), "directory.refresh", "fleet-freedom",
                "company tree and configurations dropped from the cache"));
        boolean available = directory.companies().available();
        flash.set(ctx, available ? "pickers.refreshed" : "pickers.refreshed.unavailable");
        String back = ctx.formParam("back");
        ctx.redirect(back != null && PAGES.contains(back) ? back : "/", HttpStatus.SEE_OTHER);
    }
}
