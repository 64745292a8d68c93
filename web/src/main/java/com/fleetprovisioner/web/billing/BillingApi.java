package com.fleetprovisioner.web.billing;

import com.fleetprovisioner.core.billing.BillingMonth;
import com.fleetprovisioner.core.billing.BillingReport;
import com.fleetprovisioner.core.billing.BillingRow;
import com.fleetprovisioner.core.billing.BillingTotals;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.history.HistoryCursor;
import com.fleetprovisioner.web.render.QueryString;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;

/**
 * REST: a UTC month's billing totals (per company with its kinds, per kind, overall) and its rows, paged
 * by an opaque cursor. Times are ISO-8601 UTC on Fleet Freedom's clock.
 */
public final class BillingApi {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    public record Count(String kind, long devices) {
    }

    public record CompanyJson(long company, long devices, List<Count> kinds, String rows) {
    }

    public record TotalsJson(String month, String zone, String from, String to, long devices, List<CompanyJson> companies,
            List<Count> kinds, String rows) {
    }

    public record RowJson(String providerId, String kind, long company, String billingStartedAt, String submittedBy,
            long batchId, String batch) {
        static RowJson of(BillingRow r) {
            return new RowJson(r.providerId(), r.kind(), r.companyId(), r.billingStartedAt().toString(), r.submittedBy(),
                    r.batchId(), "/api/v1/batches/" + r.batchId());
        }
    }

    public record RowsJson(String month, Long company, List<RowJson> rows, String next) {
    }

    private final BillingReport billing;
    private final Clock clock;

    public BillingApi(BillingReport billing, Clock clock) {
        this.billing = billing;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.get("/api/v1/billing", Access.VIEWER, this::totals);
        routes.get("/api/v1/billing/rows", Access.VIEWER, this::rows);
    }

    private void totals(Context ctx) {
        BillingParams params = BillingParams.from(ctx, clock, "cursor").orRefuse();
        BillingMonth month = params.month().orElseThrow();
        BillingTotals totals = billing.totals(month);
        List<CompanyJson> companies = totals.perCompany().entrySet().stream()
                .map(e -> new CompanyJson(e.getKey(), e.getValue(), counts(totals.kindsOf(e.getKey())),
                        rowsLink(QueryString.of("month", month.id(), "company", e.getKey().toString()))))
                .toList();
        ctx.json(new TotalsJson(month.id(), "UTC", month.start().toString(), month.end().toString(), totals.devices(),
                companies, counts(totals.perKind()), rowsLink(QueryString.of("month", month.id()))));
    }

    private void rows(Context ctx) {
        BillingParams params = BillingParams.from(ctx, clock, "cursor").orRefuse();
        int limit = limit(ctx.queryParam("limit"));
        BillingMonth month = params.month().orElseThrow();
        List<BillingRow> found = billing.rows(month, params.company(), params.after(), limit + 1);
        List<BillingRow> rows = found.size() > limit ? found.subList(0, limit) : found;
        String next = null;
        if (found.size() > limit) {
            BillingRow last = rows.get(rows.size() - 1);
            next = rowsLink(params.query() + "&" + QueryString.of("cursor",
                    new HistoryCursor(last.billingStartedAt(), last.deviceId()).token(),
                    "limit", ctx.queryParam("limit") == null ? "" : String.valueOf(limit)));
        }
        ctx.json(new RowsJson(month.id(), params.company().orElse(null), rows.stream().map(RowJson::of).toList(), next));
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        if (!text.matches("\\d{1,4}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_LIMIT) {
            throw ValidationException.of("limit", "billing.error.limit", MAX_LIMIT);
        }
        return Integer.parseInt(text);
    }

    private static List<Count> counts(java.util.Map<String, Long> perKind) {
        return perKind.entrySet().stream().map(e -> new Count(e.getKey(), e.getValue())).toList();
    }

    private static String rowsLink(String query) {
        return "/api/v1/billing/rows?" + query;
    }
}
