package com.fleetprovisioner.web.billing;

import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.billing.BillingMonth;
import com.fleetprovisioner.core.billing.BillingReport;
import com.fleetprovisioner.core.billing.BillingRow;
import com.fleetprovisioner.core.common.SpreadsheetExport;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.SpreadsheetDownload;
import com.fleetprovisioner.web.render.Messages;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A month's billing rows (one company's or all) as CSV or XLSX, streamed from the database to the
 * response: ids and names as text, company and batch as numbers, the billing start as a date (UTC).
 */
public final class BillingExport {
    /** The columns' message keys (billing.export.*): the header is in the downloader's language. */
    static final List<String> COLUMNS = List.of("id", "kind", "company", "billingStart", "submitter", "batch");

    private final BillingReport billing;
    private final AuditLog audit;
    private final Clock clock;
    private final PageRenderer renderer;

    public BillingExport(BillingReport billing, AuditLog audit, Clock clock, PageRenderer renderer) {
        this.billing = billing;
        this.audit = audit;
        this.clock = clock;
        this.renderer = renderer;
    }

    public void register(Routes routes) {
        routes.get("/billing.csv", Access.VIEWER, ctx -> export(ctx, "csv"));
        routes.get("/billing.xlsx", Access.VIEWER, ctx -> export(ctx, "xlsx"));
    }

    private void export(Context ctx, String format) {
        BillingParams params = BillingParams.from(ctx, clock, "after").orRefuse();
        BillingMonth month = params.month().orElseThrow();
        String name = "billing-" + month.id() + params.company().map(c -> "-company-" + c).orElse("") + "." + format;
        Locale locale = renderer.locale(ctx);
        List<String> header = COLUMNS.stream().map(c -> Messages.text(locale, "billing.export." + c)).toList();
        long[] count = {0};
        SpreadsheetExport.ValueRows rows = sink -> billing.forEach(month, params.company(), row -> {
            count[0]++;
            sink.accept(cells(row));
        });
        SpreadsheetDownload.send(ctx, format, name, Messages.text(locale, "billing.export.sheet"), header, rows);
        audit.record(new AuditEntry(clock.instant(), Principal.actor(ctx), "billing.export", format,
                count[0] + " devices; month " + month.id() + params.company().map(c -> "; company " + c).orElse("")));
    }

    /** Id, kind and submitter as text; company and batch as numbers; the billing start as an instant (a date cell). */
    static List<Object> cells(BillingRow row) {
        return Stream.<Object>of(row.providerId(), row.kind(), row.companyId(), row.billingStartedAt(),
                row.submittedBy(), row.batchId()).toList();
    }
}
