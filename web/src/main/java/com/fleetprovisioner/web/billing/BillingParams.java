package com.fleetprovisioner.web.billing;

import com.fleetprovisioner.core.billing.BillingMonth;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.history.HistoryCursor;
import com.fleetprovisioner.web.render.QueryString;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a billing page, export or API call asks for: the month (absent = this month in UTC), a company,
 * and where the previous page ended. {@code errors}: field → message key, nothing parsed from a bad value
 * and nothing of it shown back.
 */
record BillingParams(Optional<BillingMonth> month, Optional<Long> company, Optional<HistoryCursor> after,
        Map<String, String> errors) {
    private static final Pattern COMPANY = Pattern.compile("\\d{1,18}");

    /** @param cursorName {@code after} on pages, {@code cursor} in the API */
    static BillingParams from(Context ctx, Clock clock, String cursorName) {
        Map<String, String> errors = new LinkedHashMap<>();
        String month = ctx.queryParam("month");
        Optional<BillingMonth> parsed = month == null ? Optional.of(BillingMonth.of(clock.instant())) : BillingMonth.parse(month);
        if (parsed.isEmpty()) {
            errors.put("month", "billing.error.month");
        }
        String company = Optional.ofNullable(ctx.queryParam("company")).orElse("");
        Optional<Long> companyId = company.isEmpty() || !COMPANY.matcher(company).matches() ? Optional.empty()
                : Optional.of(Long.parseLong(company));
        if (!company.isEmpty() && companyId.isEmpty()) {
            errors.put("company", "billing.error.company");
        }
        String cursor = Optional.ofNullable(ctx.queryParam(cursorName)).orElse("");
        Optional<HistoryCursor> after = cursor.isEmpty() ? Optional.empty() : HistoryCursor.parse(cursor);
        if (!cursor.isEmpty() && after.isEmpty()) {
            errors.put(cursorName, "billing.error.cursor");
        }
        return new BillingParams(parsed, companyId, after, errors);
    }

    /** For the API and the exports: the first problem as a 422 naming its field, in the messages' words. */
    BillingParams orRefuse() {
        if (!errors.isEmpty()) {
            throw ValidationException.ofKeys(errors);
        }
        return this;
    }

    /** month and company as a link's query string (valid parameters only). */
    String query() {
        return QueryString.of("month", month.map(BillingMonth::id).orElse(""), "company",
                company.map(String::valueOf).orElse(""));
    }

    /** The same filter in another month. */
    String query(BillingMonth other) {
        return QueryString.of("month", other.id(), "company", company.map(String::valueOf).orElse(""));
    }
}
