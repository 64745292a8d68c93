package com.fleetprovisioner.web.history;

import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.audit.AuditLog;
import com.fleetprovisioner.core.auth.UserService;
import com.fleetprovisioner.core.common.SpreadsheetExport;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.history.DeviceHistory;
import com.fleetprovisioner.core.history.DeviceRecord;
import com.fleetprovisioner.core.history.HistoryQuery;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.SpreadsheetDownload;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exactly what the history shows under a filter, as CSV or XLSX, streamed from the database to the
 * response (constant memory at a million rows). Device passwords are never part of it.
 */
public final class HistoryExport {
    static final List<String> HEADER = List.of("Device id", "Kind", "Company", "Name", "State", "Attempts", "Batch",
            "Submitted by", "Submitted at (UTC)", "Billing started at (UTC, Fleet Freedom clock)", "Sent at (UTC)",
            "Answer received at (UTC)", "Last error code", "Last error");

    private final DeviceHistory history;
    private final UserService users;
    private final AuditLog audit;
    private final Clock clock;

    public HistoryExport(DeviceHistory history, UserService users, AuditLog audit, Clock clock) {
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
        long[] count = {0};
        SpreadsheetExport.ValueRows rows = sink -> history.forEach(query, device -> {
            count[0]++;
            sink.accept(cells(device));
        });
        SpreadsheetDownload.send(ctx, format, name, "Devices", HEADER, rows);
        audit.record(new AuditEntry(clock.instant(), Principal.actor(ctx), "history.export", format,
                count[0] + " devices; filter: " + (filter.queryString().isEmpty() ? "(none)" : filter.queryString())));
    }

    /** Ids, names and codes as text (an id keeps every digit); company, attempts and batch as numbers; times as instants. */
    static List<Object> cells(DeviceRecord d) {
        return Arrays.asList(d.providerId(), d.kind(), d.companyId(), d.name().orElse(""), d.state().id(), d.attempts(),
                d.batchId(), d.submittedBy(), d.submittedAt(), d.billingStartedAt().orElse(null), d.sentAt().orElse(null),
                d.receivedAt().orElse(null), d.lastErrorCode().orElse(null), d.lastErrorMessage().orElse(""));
    }
}
