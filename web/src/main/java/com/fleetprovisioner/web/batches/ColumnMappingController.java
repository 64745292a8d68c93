package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.ColumnChoice;
import com.fleetprovisioner.core.intake.DeviceField;
import com.fleetprovisioner.core.intake.IntakeService;
import com.fleetprovisioner.core.intake.SheetRow;
import com.fleetprovisioner.core.intake.Upload;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The column mapping step: shown when a file's header is not recognised or when the person asks, and
 * from the preview to change a chosen or remembered mapping. Confirming reads the kept file again with
 * the chosen columns into a new draft (the draft it replaces is discarded) and remembers the mapping for
 * the header's layout.
 */
final class ColumnMappingController {
    private final IntakeService intake;
    private final StagedUploads staged;
    private final PageRenderer renderer;

    ColumnMappingController(IntakeService intake, StagedUploads staged, PageRenderer renderer) {
        this.intake = intake;
        this.staged = staged;
        this.renderer = renderer;
    }

    void register(Routes routes) {
        routes.get("/batches/new/columns/{token}", Access.OPERATOR, ctx -> show(ctx, 200, Map.of(), Map.of()));
        routes.post("/batches/new/columns/{token}", Access.OPERATOR, this::confirm);
    }

    private void show(Context ctx, int status, Map<Integer, String> chosen, Map<String, String> errors) {
        StagedUploads.Staged upload = find(ctx);
        boolean firstRowIsData = "true".equals(param(ctx, "firstRowIsData"));
        List<SheetRow> sample = intake.sample(upload.file(), upload.fileName(), ColumnsPage.SAMPLE_ROWS);
        Optional<Map<DeviceField, Integer>> remembered = sample.isEmpty() || firstRowIsData ? Optional.empty()
                : intake.rememberedColumns(sample.get(0));
        renderer.render(ctx, status, "batches/columns", ColumnsPage.of(upload, sample, firstRowIsData, remembered, chosen,
                replaces(ctx), errors));
    }

    private void confirm(Context ctx) {
        StagedUploads.Staged upload = find(ctx);
        Map<Integer, String> chosen = new LinkedHashMap<>();
        for (int number = 1; number <= 256; number++) {
            String field = ctx.formParam("field_" + number);
            if (field != null) {
                chosen.put(number, field);
            }
        }
        boolean firstRowIsData = "true".equals(ctx.formParam("firstRowIsData"));
        if ("true".equals(ctx.formParam("toggleHeader"))) { // the header checkbox changed without JavaScript
            show(ctx, 200, Map.of(), Map.of());
            return;
        }
        try {
            ColumnChoice choice = ColumnChoice.parse(ColumnsPage.formChoice(chosen), firstRowIsData);
            Batch batch = intake.upload(Principal.actor(ctx), new Upload(upload.file(), upload.fileName(),
                    upload.defaults(), Batch.Source.UPLOAD, Optional.of(choice),
                    !firstRowIsData && "true".equals(ctx.formParam("rememberMapping"))));
            replaces(ctx).filter(id -> intake.batch(id).draft()).ifPresent(id -> intake.discard(Principal.actor(ctx), id));
            ctx.redirect("/batches/" + batch.id() + "/preview?columns=" + upload.token(), HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            show(ctx, 422, chosen, renderer.errors(ctx, e));
        }
    }

    private StagedUploads.Staged find(Context ctx) {
        long userId = Principal.require(ctx).user().id();
        return staged.find(ctx.pathParam("token"), userId).orElseThrow(() -> new NotFoundResponse(
                "This upload is no longer kept (uploads wait " + StagedUploads.KEPT.toMinutes()
                        + " minutes for their column mapping). Upload the file again."));
    }

    private static Optional<Long> replaces(Context ctx) {
        String value = param(ctx, "replaces");
        return value != null && value.matches("\\d{1,18}") ? Optional.of(Long.parseLong(value)) : Optional.empty();
    }

    private static String param(Context ctx, String name) {
        String form = ctx.req().getMethod().equals("POST") ? ctx.formParam(name) : null;
        return form != null ? form : ctx.queryParam(name);
    }
}
