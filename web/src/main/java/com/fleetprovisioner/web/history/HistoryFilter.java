package com.fleetprovisioner.web.history;

import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.history.HistoryCursor;
import com.fleetprovisioner.core.history.HistoryQuery;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.web.render.QueryString;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The history filter as typed in the form (and carried by links): parsed into a query, with one
 * message per field that cannot be understood.
 */
public record HistoryFilter(String state, String batch, String kind, String company, String submitter,
        String dateField, String from, String to, String q, String order) {

    public static HistoryFilter from(Context ctx) {
        Function<String, String> p = name -> Optional.ofNullable(ctx.queryParam(name)).orElse("").strip();
        return new HistoryFilter(p.apply("state"), p.apply("batch"), p.apply("kind"), p.apply("company"),
                p.apply("submitter"), p.apply("dateField"), p.apply("from"), p.apply("to"), p.apply("q"), p.apply("order"));
    }

    /** Whether the dates filter on billing start (else on submission). */
    public boolean byBilling() {
        return "billing".equals(dateField);
    }

    /** The filter as a query string, for paging and export links. */
    public String queryString() {
        return QueryString.of("state", state, "batch", batch, "kind", kind, "company", company, "submitter", submitter,
                "dateField", dateField, "from", from, "to", to, "q", q, "order", order);
    }

    /** The query, or the field errors that stop it (message keys, per field). */
    public HistoryQuery toQuery(UserService users, Optional<String> afterToken, int limit, Map<String, String> errors) {
        Optional<DeviceState> parsedState = parse(state, "state", errors, v -> DeviceState.fromId(v), "batches.error.state");
        Optional<Long> parsedBatch = parse(batch, "batch", errors, Long::valueOf, "history.error.batch");
        Optional<Long> parsedCompany = parse(company, "company", errors, Long::valueOf, "history.error.company");
        Optional<Long> submitterId = submitter.isEmpty() ? Optional.empty()
                : Optional.of(users.find(submitter).map(u -> u.id()).orElse(-1L));
        HistoryQuery.DateField field = byBilling() ? HistoryQuery.DateField.BILLING : HistoryQuery.DateField.SUBMITTED;
        Optional<Instant> fromDay = day(from, "from", errors, 0);
        Optional<Instant> toDay = day(to, "to", errors, 1);
        HistoryQuery.Order parsedOrder = java.util.Arrays.stream(HistoryQuery.Order.values())
                .filter(o -> o.id().equals(order)).findFirst().orElse(HistoryQuery.Order.NEWEST_SUBMITTED);
        return new HistoryQuery(parsedState, parsedBatch, kind.isEmpty() ? Optional.empty() : Optional.of(kind.toLowerCase(Locale.ROOT)),
                parsedCompany, submitterId, field, fromDay, toDay, q.isEmpty() ? Optional.empty() : Optional.of(q),
                parsedOrder, afterToken.flatMap(HistoryCursor::parse), limit);
    }

    private static <T> Optional<T> parse(String value, String field, Map<String, String> errors, Function<String, T> parser,
            String message) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(value));
        } catch (IllegalArgumentException e) {
            errors.put(field, message);
            return Optional.empty();
        }
    }

    private static Optional<Instant> day(String value, String field, Map<String, String> errors, int plusDays) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            errors.put(field, "batches.error.date");
            return Optional.empty();
        }
    }
}
