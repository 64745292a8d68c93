package com.fleetprovisioner.web.batches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.core.intake.IntakeRow;
import com.fleetprovisioner.core.intake.IntakeService;
import com.fleetprovisioner.core.intake.RowCursor;
import com.fleetprovisioner.core.intake.RowFilter;
import com.fleetprovisioner.core.intake.SubmitFailedException;
import com.fleetprovisioner.core.intake.SubmitService;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * REST intake: upload a file (multipart, field {@code file}) and get the preview as JSON, page
 * through its rows, submit it; or add one device. Status of batches and devices is another feature's.
 */
public final class BatchesApi {
    private static final int MAX_PAGE_SIZE = 1000;

    private final IntakeService intake;
    private final SubmitService submissions;
    private final UploadedFiles uploads;

    /** @param settingsCompany the settings' default company, for uploads that name none */
    public BatchesApi(IntakeService intake, SubmitService submissions, Supplier<Optional<Long>> settingsCompany) {
        this.intake = intake;
        this.submissions = submissions;
        this.uploads = new UploadedFiles(intake.limits(), settingsCompany);
    }

    public void register(Routes routes) {
        routes.post("/api/v1/batches", Access.OPERATOR, this::upload);
        routes.get("/api/v1/batches/{id}/rows", Access.VIEWER, this::rows);
        routes.post("/api/v1/batches/{id}/submit", Access.OPERATOR, this::submit);
        routes.post("/api/v1/devices", Access.OPERATOR, this::addDevice);
    }

    private void upload(Context ctx) {
        Batch batch = uploads.withUpload(ctx, Batch.Source.API, upload -> intake.upload(Principal.actor(ctx), upload));
        Map<String, Object> body = IntakeJson.batch(batch);
        body.put("problems", intake.page(batch.id(), RowFilter.PROBLEMS, 1, 100).stream().map(IntakeJson::row).toList());
        body.put("rowsUrl", "/api/v1/batches/" + batch.id() + "/rows");
        body.put("submitUrl", "/api/v1/batches/" + batch.id() + "/submit");
        ctx.status(201).json(body);
    }

    private void rows(Context ctx) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        RowFilter filter = IntakeController.filter(ctx);
        int page = Math.max(1, ctx.queryParamAsClass("page", Integer.class).getOrDefault(1));
        int size = Math.min(MAX_PAGE_SIZE, Math.max(1, ctx.queryParamAsClass("size", Integer.class).getOrDefault(100)));
        List<IntakeRow> rows = intake.page(id, filter,
                new RowCursor(page, IntakeController.row(ctx, "after"), OptionalInt.empty()), size);
        String name = filter.name().toLowerCase(java.util.Locale.ROOT);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batchId", id);
        body.put("filter", name);
        body.put("page", page);
        body.put("size", size);
        body.put("rows", rows.stream().map(IntakeJson::row).toList());
        if (rows.size() == size && page < Integer.MAX_VALUE) {
            // the next page seeks past this one's last row instead of counting the rows before it
            body.put("next", "/api/v1/batches/" + id + "/rows?" + (filter == RowFilter.ALL ? "" : name + "=true&")
                    + "page=" + (page + 1) + "&size=" + size + "&after=" + rows.get(rows.size() - 1).rowNumber());
        }
        ctx.json(body);
    }

    private void submit(Context ctx) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        JsonNode request = ctx.body().isBlank() ? null : ctx.bodyAsClass(JsonNode.class);
        boolean acknowledged = request != null && request.path("acknowledgeWarnings").asBoolean(false);
        if (request != null && "valid".equals(request.path("part").asText())) {
            submitPart(ctx, id, request);
            return;
        }
        SubmitService.SubmitResult result;
        try {
            result = submissions.submit(Principal.actor(ctx), id, acknowledged);
        } catch (SubmitFailedException e) {
            SubmitFailure failure = SubmitFailure.of(e, intake);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "Submit failed");
            body.put("message", failure.message());
            body.put("errorId", failure.errorId());
            body.put("batchId", id);
            body.put("state", failure.state().id());
            body.put("devicesQueued", failure.devicesQueued());
            ctx.status(500).json(body);
            return;
        }
        ctx.json(Map.of("batchId", id, "devicesQueued", result.devicesQueued(), "repeated", result.repeated()));
    }

    /** The valid rows (and the warned rows named in {@code acknowledgeRows}) as a batch of their own; the rest stay. */
    private void submitPart(Context ctx, long id, JsonNode request) {
        java.util.Set<Integer> rows = new java.util.TreeSet<>();
        JsonNode named = request.path("acknowledgeRows");
        if (!named.isMissingNode() && !named.isArray() || named.size() > 100_000) {
            throw com.fleetprovisioner.core.common.ValidationException.of("acknowledgeRows",
                    "intake.error.acknowledgeList", "100,000");
        }
        named.forEach(row -> {
            if (!row.canConvertToInt() || row.asInt() < 1) {
                throw com.fleetprovisioner.core.common.ValidationException.of("acknowledgeRows",
                        "intake.error.acknowledgeRow", row);
            }
            rows.add(row.asInt());
        });
        IntakeService.Split split = intake.split(Principal.actor(ctx), id, rows);
        SubmitService.SubmitResult result = submissions.submit(Principal.actor(ctx), split.submittedBatchId(), true);
        ctx.json(Map.of("batchId", split.submittedBatchId(), "devicesQueued", result.devicesQueued(), "draftBatchId", id,
                "rowsLeft", split.left().total()));
    }

    private void addDevice(Context ctx) {
        JsonNode request = ctx.bodyAsClass(JsonNode.class);
        Map<DeviceField, String> input = new EnumMap<>(DeviceField.class);
        for (DeviceField field : DeviceField.values()) {
            JsonNode value = request.path(field.key());
            input.put(field, value.isMissingNode() || value.isNull() ? "" : value.asText());
        }
        SubmitService.SingleResult result = submissions.addSingle(Principal.actor(ctx), input,
                request.path("acknowledgeWarnings").asBoolean(false), Batch.Source.API);
        ctx.status(201).json(Map.of("batchId", result.batchId(), "deviceId", result.deviceId(),
                "providerId", result.providerId(), "state", "queued"));
    }
}
