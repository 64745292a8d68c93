package com.fleetprovisioner.web.reconcile;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.reconcile.ReconcileCategory;
import com.fleetprovisioner.core.reconcile.ReconcileRepository;
import com.fleetprovisioner.core.reconcile.ReconcileRow;
import com.fleetprovisioner.core.reconcile.ReconcileRun;
import com.fleetprovisioner.core.reconcile.ReconcileService;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.ConfirmPage;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Reconciliation pages: the runs with a form to start one, a run's page (which follows the run while
 * it works, as the batch page does: app.js reads it again and copies the {@code data-live} parts), its
 * rows by category a page at a time, and the import of its unknown devices behind a confirmation page.
 */
public final class ReconcileController {
    static final int PAGE_ROWS = 50;
    private static final int LISTED_RUNS = 50;

    public record ListPage(List<RunView> runs, List<ReconcileCategory> categories, String company,
            Map<String, String> errors, UserZone zone) {
    }

    public record RunPage(RunView view, List<ReconcileCategory> categories, ReconcileCategory category,
            List<ReconcileRow> rows, Optional<String> next, long importable, boolean operator, boolean live,
            UserZone zone) {
    }

    private final ReconcileService reconciliations;
    private final UserService users;
    private final PageRenderer renderer;
    private final Flash flash;
    private final Clock clock;

    public ReconcileController(ReconcileService reconciliations, UserService users, PageRenderer renderer, Flash flash,
            Clock clock) {
        this.reconciliations = reconciliations;
        this.users = users;
        this.renderer = renderer;
        this.flash = flash;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.get("/reconciliations", Access.VIEWER, ctx -> list(ctx, 200, "", Map.of()));
        routes.post("/reconciliations", Access.OPERATOR, this::start);
        routes.get("/reconciliations/{id}", Access.VIEWER, this::show);
        routes.get("/reconciliations/{id}/import", Access.OPERATOR, this::confirmImport);
        routes.post("/reconciliations/{id}/import", Access.OPERATOR, this::importUnknown);
    }

    private void list(Context ctx, int status, String company, Map<String, String> errors) {
        UserZone zone = UserZone.of(ctx);
        List<RunView> runs = reconciliations.recent(LISTED_RUNS).stream()
                .map(r -> RunView.of(r, users, zone, clock.instant())).toList();
        renderer.render(ctx, status, "reconcile/list", new ListPage(runs, List.of(ReconcileCategory.values()), company, errors, zone));
    }

    private void start(Context ctx) {
        String raw = Optional.ofNullable(ctx.formParam("company")).orElse("").strip();
        try {
            long id = reconciliations.start(Principal.actor(ctx), company(raw), ReconcileRun.Trigger.PAGE);
            flash.set(ctx, "reconcile.flash.started", id);
            ctx.redirect("/reconciliations/" + id, HttpStatus.SEE_OTHER);
        } catch (ValidationException refused) {
            list(ctx, 422, raw.length() > 40 ? raw.substring(0, 40) : raw, renderer.errors(ctx, refused));
        }
    }

    /** A company number as typed: digits only, at most 18 of them (what a long holds whatever they are). */
    static long company(String raw) {
        if (!raw.matches("\\d{1,18}")) {
            throw ValidationException.of("company", "reconcile.error.company");
        }
        return Long.parseLong(raw);
    }

    private void show(Context ctx) {
        ReconcileRun run = reconciliations.find(ReconcileApi.id(ctx));
        ReconcileCategory category = category(ctx.queryParam("category"));
        Optional<String> after = Optional.ofNullable(ctx.queryParam("after")).filter(a -> !a.isEmpty() && a.length() <= 64);
        List<ReconcileRow> rows = reconciliations.rows(run.id(), category, after, PAGE_ROWS + 1);
        Optional<String> next = rows.size() > PAGE_ROWS ? Optional.of(rows.get(PAGE_ROWS - 1).providerId()) : Optional.empty();
        UserZone zone = UserZone.of(ctx);
        boolean operator = Principal.require(ctx).user().role().includes(Role.OPERATOR);
        renderer.render(ctx, "reconcile/run", new RunPage(RunView.of(run, users, zone, clock.instant()),
                List.of(ReconcileCategory.values()), category, rows.subList(0, Math.min(PAGE_ROWS, rows.size())), next,
                reconciliations.importable(run.id()), operator, !run.ended(), zone));
    }

    /** The category asked for; the first one when absent, a 422 for one that does not exist. */
    static ReconcileCategory category(String raw) {
        if (raw == null || raw.isEmpty()) {
            return ReconcileCategory.MATCHED;
        }
        return ReconcileCategory.fromId(raw).orElseThrow(() -> ValidationException.of("category",
                "reconcile.error.category"));
    }

    private void confirmImport(Context ctx) {
        long id = ReconcileApi.id(ctx);
        long n = reconciliations.importable(id);
        if (n == 0) {
            flash.set(ctx, "reconcile.flash.nothingToImport", id);
            ctx.redirect("/reconciliations/" + id, HttpStatus.SEE_OTHER);
            return;
        }
        renderer.render(ctx, "confirm/confirm", new ConfirmPage("confirm.reconcileImport.title", List.of(id),
                "confirm.reconcileImport.consequence", List.of(n), ctx.path(), Map.of(), "confirm.reconcileImport.button",
                List.of(n), false, "/reconciliations/" + id, "confirm.reconcileImport.back"));
    }

    private void importUnknown(Context ctx) {
        long id = ReconcileApi.id(ctx);
        if (!ConfirmPage.confirmed(ctx)) {
            ctx.redirect(ctx.path(), HttpStatus.SEE_OTHER);
            return;
        }
        try {
            ReconcileRepository.Imported imported = reconciliations.importUnknown(Principal.actor(ctx), id);
            flash.set(ctx, "reconcile.flash.imported", imported.devices(), imported.batchId());
        } catch (ValidationException refused) {
            flash.text(ctx, refused.first());
        }
        ctx.redirect("/reconciliations/" + id + "?category=" + ReconcileCategory.UNKNOWN_HERE.id(), HttpStatus.SEE_OTHER);
    }
}
