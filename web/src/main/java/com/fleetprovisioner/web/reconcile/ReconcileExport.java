package com.fleetprovisioner.web.reconcile;

import com.fleetprovisioner.core.common.SpreadsheetExport;
import com.fleetprovisioner.core.reconcile.ReconcileCategory;
import com.fleetprovisioner.core.reconcile.ReconcileRow;
import com.fleetprovisioner.core.reconcile.ReconcileService;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.Messages;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.SpreadsheetDownload;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A run's rows (all, or one category) as CSV or XLSX, streamed from the database to the response as the
 * history's export is; audited.
 */
public final class ReconcileExport {
    /** The columns' message keys (reconcile.column.*): the header is in the downloader's language. */
    private static final List<String> COLUMNS = List.of("category", "providerId", "kind", "companyThere",
            "companyHere", "stateHere", "deviceId");

    private final ReconcileService reconciliations;
    private final PageRenderer renderer;

    public ReconcileExport(ReconcileService reconciliations, PageRenderer renderer) {
        this.reconciliations = reconciliations;
        this.renderer = renderer;
    }

    public void register(Routes routes) {
        routes.get("/reconciliations/{id}/rows.csv", Access.VIEWER, ctx -> export(ctx, "csv"));
        routes.get("/reconciliations/{id}/rows.xlsx", Access.VIEWER, ctx -> export(ctx, "xlsx"));
    }

    private void export(Context ctx, String format) {
        long id = ReconcileApi.id(ctx);
        String raw = ctx.queryParam("category");
        Optional<ReconcileCategory> category = raw == null || raw.isEmpty() ? Optional.empty()
                : Optional.of(ReconcileController.category(raw));
        reconciliations.find(id);
        String name = "reconciliation-" + id + category.map(c -> "-" + c.id()).orElse("") + "." + format;
        Locale locale = renderer.locale(ctx);
        List<String> header = COLUMNS.stream().map(c -> Messages.text(locale, "reconcile.column." + c)).toList();
        long[] count = {0};
        SpreadsheetExport.ValueRows rows = sink -> reconciliations.forEachRow(id, category, row -> {
            count[0]++;
            sink.accept(cells(row, locale));
        });
        SpreadsheetDownload.send(ctx, format, name, Messages.text(locale, "reconcile.export.sheet", Long.toString(id)),
                header, rows);
        reconciliations.exported(Principal.actor(ctx), id, format + category.map(c -> " (" + c.id() + ")").orElse(""),
                count[0]);
    }

    /** Ids and codes as text (an id keeps every digit), companies and our record's id as numbers. */
    static List<Object> cells(ReconcileRow r, Locale locale) {
        return Arrays.asList(Messages.text(locale, "reconcile.category." + r.category().id()), r.providerId(),
                r.kind().orElse(""), r.companyThere().orElse(null), r.companyHere().orElse(null),
                r.stateHere().map(s -> Messages.text(locale, "state." + s.id())).orElse(""), r.deviceId().orElse(null));
    }
}
