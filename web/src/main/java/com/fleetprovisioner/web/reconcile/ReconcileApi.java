package com.fleetprovisioner.web.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.reconcile.ReconcileCategory;
import com.fleetprovisioner.core.reconcile.ReconcileRepository;
import com.fleetprovisioner.core.reconcile.ReconcileRow;
import com.fleetprovisioner.core.reconcile.ReconcileRun;
import com.fleetprovisioner.core.reconcile.ReconcileService;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** REST: start a reconciliation, follow it, page through its rows by category, import its unknown devices. */
public final class ReconcileApi {
    private static final String BASE = "/api/v1/reconciliations";
    private static final String COMPANY_EXAMPLE = "{\"company\": 42}";

    private final ReconcileService reconciliations;
    private final Clock clock;

    public ReconcileApi(ReconcileService reconciliations, Clock clock) {
        this.reconciliations = reconciliations;
        this.clock = clock;
    }

    public void register(Routes routes) {
        routes.post(BASE, Access.OPERATOR, this::start);
        routes.get(BASE + "/{id}", Access.VIEWER, ctx -> ctx.json(json(reconciliations.find(id(ctx)))));
        routes.get(BASE + "/{id}/rows", Access.VIEWER, this::rows);
        routes.post(BASE + "/{id}/import", Access.OPERATOR, ctx -> {
            ReconcileRepository.Imported imported = reconciliations.importUnknown(Principal.actor(ctx), id(ctx));
            ctx.json(Map.of("batchId", imported.batchId(), "devices", imported.devices()));
        });
    }

    /** {@code {"company": N}}: N a whole number (not a string, not 1e99); 202 with the run's id and address. */
    private void start(Context ctx) {
        JsonNode body = ctx.body().isBlank() ? null : ctx.bodyAsClass(JsonNode.class);
        JsonNode company = body == null ? null : body.get("company");
        if (company == null || !company.isIntegralNumber() || !company.canConvertToLong()) {
            throw ValidationException.of("company", "api.error.reconcileCompany", COMPANY_EXAMPLE);
        }
        long id = reconciliations.start(Principal.actor(ctx), company.asLong(), ReconcileRun.Trigger.API);
        ctx.header("Location", BASE + "/" + id);
        ctx.status(202).json(json(reconciliations.find(id)));
    }

    private void rows(Context ctx) {
        long id = id(ctx);
        String raw = ctx.queryParam("category");
        ReconcileCategory category = ReconcileCategory.fromId(raw == null ? "" : raw).orElseThrow(() ->
                ValidationException.of("category", "api.error.reconcileCategory", String.join(", ",
                        List.of(ReconcileCategory.values()).stream().map(ReconcileCategory::id).toList())));
        int size = ctx.queryParamAsClass("size", Integer.class).check(n -> n >= 1 && n <= ReconcileService.MAX_PAGE,
                "size is 1 to " + ReconcileService.MAX_PAGE).getOrDefault(100);
        Optional<String> after = Optional.ofNullable(ctx.queryParam("after")).filter(a -> !a.isEmpty());
        List<ReconcileRow> rows = reconciliations.rows(id, category, after, size + 1);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reconciliation", id);
        out.put("category", category.id());
        out.put("rows", rows.stream().limit(size).map(ReconcileApi::row).toList());
        out.put("next", rows.size() > size ? BASE + "/" + id + "/rows?category=" + category.id() + "&size=" + size
                + "&after=" + URLEncoder.encode(rows.get(size - 1).providerId(), StandardCharsets.UTF_8) : null);
        ctx.json(out);
    }

    private Map<String, Object> json(ReconcileRun run) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", run.id());
        out.put("company", run.company());
        out.put("state", run.state().id());
        out.put("trigger", run.trigger().id());
        out.put("startedBy", run.startedBy().orElse(null));
        out.put("requestedAt", run.requestedAt().toString());
        out.put("startedAt", run.startedAt().map(Object::toString).orElse(null));
        out.put("endedAt", run.endedAt().map(Object::toString).orElse(null));
        out.put("durationSeconds", run.duration(clock.instant()).map(d -> d.toMillis() / 1000.0).orElse(null));
        out.put("progress", Map.of("companiesDone", run.companiesDone(), "companiesTotal", run.companiesTotal(),
                "providersSeen", run.providersSeen()));
        Map<String, Long> counts = new LinkedHashMap<>();
        Map<String, String> rows = new LinkedHashMap<>();
        for (ReconcileCategory c : ReconcileCategory.values()) {
            counts.put(c.id(), run.count(c));
            rows.put(c.id(), BASE + "/" + run.id() + "/rows?category=" + c.id());
        }
        out.put("counts", counts);
        out.put("imported", run.imported());
        out.put("importedBatch", run.importedBatch().orElse(null));
        out.put("error", run.error().orElse(null));
        out.put("rows", rows);
        return out;
    }

    private static Map<String, Object> row(ReconcileRow r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("providerId", r.providerId());
        out.put("category", r.category().id());
        out.put("kind", r.kind().orElse(null));
        out.put("companyThere", r.companyThere().orElse(null));
        out.put("companyHere", r.companyHere().orElse(null));
        out.put("deviceId", r.deviceId().orElse(null));
        out.put("stateHere", r.stateHere().map(s -> s.id()).orElse(null));
        return out;
    }

    /** A run id from the path: a number, else 422 (an unknown number is a 404 from the service). */
    static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ValidationException.of("id", "api.error.reconcileId");
        }
    }
}
