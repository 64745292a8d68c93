package com.fleetprovisioner.web.history;

import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.common.SpreadsheetExport;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.history.DeviceHistory;
import com.fleetprovisioner.core.history.DeviceRecord;
import com.fleetprovisioner.core.history.HistoryQuery;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.Messages;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.SpreadsheetDownload;
import com.fleetprovisioner.web.render.Texts;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Exactly what the history shows under a filter, as CSV or XLSX, streamed from the database to the
 * response (constant memory at a million rows). Device passwords are never part of it.
 */
public final class HistoryExport {
    /** The columns' message keys (history.export.column.*): the header is in the downloader's language. */
    static final List<String> COLUMNS = List.of("id", "kind", "company", "name", "state", "attempts", "batch",
            "submittedBy", "submittedAt", "billingStartedAt", "sentAt", "receivedAt", "lastErrorCode", "lastError");

    private final DeviceHistory history;
    private final UserService users;
    private final AuditLog audit;
    private final Clock clock;
    private final PageRenderer renderer;

    public HistoryExport(DeviceHistory history, UserService users, AuditLog audit, Clock clock, PageRenderer renderer) {
        this.renderer = renderer;
        this.history = history;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.get("/history.csv", Access.VIEWER, ctx -> export(ctx, "csv"));
        routes.get("/history.xlsx", Access.VIEWER, ctx -> export(ctx, "xlsx"));
    }

    private void export(Context ctx, String format) {
        HistoryFilter filter = HistoryFilter.from(ctx);
        Map<String, String> errors = new LinkedHashMap<>();
        HistoryQuery query = filter.toQuery(users, Optional.empty(), Integer.MAX_VALUE, errors);
        if (!errors.isEmpty()) {
            throw ValidationException.ofKeys(errors);
        }
        String name = "fleet-devices-" + clock.instant().toString().substring(0, 10) + "." + format;
        Locale locale = renderer.locale(ctx);
        UserZone zone = UserZone.of(ctx);
        Function<Text, String> render = text -> Texts.render(text, locale, zone);
        List<String> header = COLUMNS.stream().map(c -> Messages.text(locale, "history.export.column." + c)).toList();
        long[] count = {0};
        SpreadsheetExport.ValueRows rows = sink -> history.forEach(query, device -> {
            count[0]++;
            sink.accept(cells(device, render));
        });
        SpreadsheetDownload.send(ctx, format, name, Messages.text(locale, "history.export.sheet"), header, rows);
        audit.record(new AuditEntry(clock.instant(), Principal.actor(ctx), "history.export", format,
                count[0] + " devices; filter: " + (filter.queryString().isEmpty() ? "(none)" : filter.queryString())));
    }

    /** Ids, names and codes as text (an id keeps every digit); company, attempts and batch as numbers; times as instants. */
    /** @param render the last error in the downloader's language */
    static List<Object> cells(DeviceRecord d, Function<Text, String> render) {
        return Arrays.asList(d.providerId(), d.kind(), d.companyId(), d.name().orElse(""), d.state().id(), d.attempts(),
                d.batchId(), d.submittedBy(), d.submittedAt(), d.billingStartedAt().orElse(null), d.sentAt().orElse(null),
                d.receivedAt().orElse(null), d.lastErrorCode().orElse(null), d.lastErrorMessage().map(render).orElse(""));
    }
}
