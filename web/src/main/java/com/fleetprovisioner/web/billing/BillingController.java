package com.fleetprovisioner.web.billing;

import com.fleetprovisioner.core.billing.BillingMonth;
import com.fleetprovisioner.core.billing.BillingReport;
import com.fleetprovisioner.core.billing.BillingRow;
import com.fleetprovisioner.core.billing.BillingTotals;
import com.fleetprovisioner.core.history.HistoryCursor;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.QueryString;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The billing report: a UTC month's devices whose billing started, totals per company and per kind,
 * the rows paged by keyset, month by month.
 */
public final class BillingController {
    static final int PAGE_SIZE = 50;

    /** One company's line: its total, its kinds, and the link to its rows. */
    public record CompanyLine(long company, long devices, Map<String, Long> kinds, String link) {
    }

    /** {@code monthStart}: for the heading's month name. */
    public record Report(String month, LocalDate monthStart, Optional<Long> company, BillingTotals totals,
            List<CompanyLine> companies, List<BillingRow> rows, Optional<String> firstLink, Optional<String> nextLink,
            Optional<String> previousMonth, Optional<String> nextMonth, String exportQuery) {
    }

    /** {@code month}, {@code company}: the picker's values (empty when what was given could not be read). */
    public record BillingPage(String month, String company, Optional<Report> report, Map<String, String> errors) {
    }

    private final BillingReport billing;
    private final PageRenderer renderer;
    private final Clock clock;

    public BillingController(BillingReport billing, PageRenderer renderer, Clock clock) {
        this.billing = billing;
        this.renderer = renderer;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.get("/billing", Access.VIEWER, this::show);
    }

    private void show(Context ctx) {
        BillingParams params = BillingParams.from(ctx, clock, "after");
        String month = params.month().map(BillingMonth::id).orElse("");
        String company = params.company().map(String::valueOf).orElse("");
        if (!params.errors().isEmpty()) {
            renderer.render(ctx, 422, "billing/report", new BillingPage(month, company, Optional.empty(),
                    params.errors()));
            return;
        }
        renderer.render(ctx, "billing/report", new BillingPage(month, company, Optional.of(report(params)),
                params.errors()));
    }

    private Report report(BillingParams params) {
        BillingMonth month = params.month().orElseThrow();
        BillingTotals totals = billing.totals(month);
        List<BillingRow> found = billing.rows(month, params.company(), params.after(), PAGE_SIZE + 1);
        List<BillingRow> rows = found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found;
        String base = params.query();
        Optional<String> next = found.size() > PAGE_SIZE ? Optional.of(link(base + "&after="
                + new HistoryCursor(rows.get(rows.size() - 1).billingStartedAt(), rows.get(rows.size() - 1).deviceId()).token()))
                : Optional.empty();
        List<CompanyLine> companies = totals.perCompany().entrySet().stream()
                .map(e -> new CompanyLine(e.getKey(), e.getValue(), totals.kindsOf(e.getKey()),
                        link(QueryString.of("month", month.id(), "company", e.getKey().toString()))))
                .toList();
        return new Report(month.id(), month.month().atDay(1), params.company(), totals, companies, rows,
                params.after().isPresent() ? Optional.of(link(base)) : Optional.empty(), next,
                month.previous().map(m -> link(params.query(m))), month.next().map(m -> link(params.query(m))), base);
    }

    private static String link(String query) {
        return "/billing?" + query;
    }
}
