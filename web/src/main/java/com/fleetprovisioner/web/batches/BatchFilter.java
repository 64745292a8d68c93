package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.history.HistoryCursor;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.BatchQuery;
import com.fleetprovisioner.web.render.QueryString;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The batches filter as typed in the form (and carried by paging links). Dates are calendar days in
 * the reader's zone; {@code to} includes its whole day. Errors are message keys per field.
 */
public record BatchFilter(String state, String submitter, String from, String to, String name) {
    static final int MAX_NAME = 255;

    public static BatchFilter from(Context ctx) {
        Function<String, String> p = n -> Optional.ofNullable(ctx.queryParam(n)).orElse("").strip();
        return new BatchFilter(p.apply("state"), p.apply("submitter"), p.apply("from"), p.apply("to"), p.apply("name"));
    }

    public String queryString() {
        return QueryString.of("state", state, "submitter", submitter, "from", from, "to", to, "name", name);
    }

    /** The query, or message keys per field in {@code errors}. */
    BatchQuery toQuery(UserService users, ZoneId zone, Optional<HistoryCursor> after, int limit, Map<String, String> errors) {
        Optional<Batch.State> parsedState = Optional.empty();
        if (!state.isEmpty()) {
            try {
                parsedState = Optional.of(Batch.State.fromId(state));
            } catch (IllegalArgumentException e) {
                errors.put("state", "batches.error.state");
            }
        }
        Optional<LocalDate> fromDay = day(from, "from", errors);
        Optional<LocalDate> toDay = day(to, "to", errors);
        if (fromDay.isPresent() && toDay.isPresent() && toDay.get().isBefore(fromDay.get())) {
            errors.put("to", "batches.error.range");
        }
        if (name.length() > MAX_NAME) {
            errors.put("name", "batches.error.name");
        }
        Optional<Long> createdBy = submitter.isEmpty() ? Optional.empty()
                : Optional.of(users.find(submitter).map(u -> u.id()).orElse(-1L));
        return new BatchQuery(parsedState, createdBy, fromDay.map(d -> start(d, zone)),
                toDay.map(d -> start(d.plusDays(1), zone)), name.isEmpty() ? Optional.empty() : Optional.of(name), after, limit);
    }

    private static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    private static Optional<LocalDate> day(String value, String field, Map<String, String> errors) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value));
        } catch (DateTimeParseException e) {
            errors.put(field, "batches.error.date");
            return Optional.empty();
        }
    }
}
