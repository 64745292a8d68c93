package com.fleetprovisioner.web.audit;

import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.audit.AuditQuery;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Admin page: the audit log, filtered by user, action and date, newest first, paged by keyset. */
public final class AuditController {
    static final int PAGE_SIZE = 50;

    /** The filter as typed, shown back in the form and carried by the "older" link. */
    public record Filter(String actor, String action, String from, String to) {
        String query() {
            return "actor=" + encode(actor) + "&action=" + encode(action) + "&from=" + encode(from) + "&to=" + encode(to);
        }

        private static String encode(String value) {
            return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public record AuditPage(Filter filter, List<AuditLog.Stored> entries, Optional<String> olderLink,
            Map<String, String> errors) {
    }

    private final AuditLog audit;
    private final PageRenderer renderer;

    public AuditController(AuditLog audit, PageRenderer renderer) {
        this.audit = audit;
        this.renderer = renderer;
    }

    public void register(Routes routes) {
        routes.get("/admin/audit", Access.ADMIN, this::list);
    }

    private void list(Context ctx) {
        Filter filter = new Filter(param(ctx, "actor"), param(ctx, "action"), param(ctx, "from"), param(ctx, "to"));
        Map<String, String> errors = new HashMap<>();
        Optional<Instant> from = day(filter.from(), "from", errors, 0);
        Optional<Instant> to = day(filter.to(), "to", errors, 1);
        Optional<Long> before = Optional.ofNullable(ctx.queryParam("before")).filter(v -> v.matches("\\d{1,18}")).map(Long::valueOf);
        if (!errors.isEmpty()) {
            renderer.render(ctx, 422, "audit/list", new AuditPage(filter, List.of(), Optional.empty(), errors));
            return;
        }
        AuditQuery query = new AuditQuery(blankToEmpty(filter.actor()), blankToEmpty(filter.action()), from, to, before,
                PAGE_SIZE + 1);
        List<AuditLog.Stored> found = audit.search(query);
        List<AuditLog.Stored> shown = found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found;
        Optional<String> older = found.size() > PAGE_SIZE
                ? Optional.of("/admin/audit?" + filter.query() + "&before=" + shown.get(shown.size() - 1).id())
                : Optional.empty();
        renderer.render(ctx, "audit/list", new AuditPage(filter, shown, older, errors));
    }

    /** A yyyy-MM-dd day as the instant it starts (UTC), plus {@code plusDays} (1 = the end of that day). */
    private static Optional<Instant> day(String value, String field, Map<String, String> errors, int plusDays) {
        if (value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value.trim()).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeParseException e) {
            errors.put(field, "batches.error.date");
            return Optional.empty();
        }
    }

    private static Optional<String> blankToEmpty(String value) {
        return value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static String param(Context ctx, String name) {
        return Optional.ofNullable(ctx.queryParam(name)).orElse("");
    }
}
