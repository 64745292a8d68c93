package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.IntakeFileException;
import com.fleetprovisioner.core.intake.IntakeService;
import com.fleetprovisioner.core.intake.ProblemsExport;
import com.fleetprovisioner.core.intake.RowCursor;
import com.fleetprovisioner.core.intake.RowFilter;
import com.fleetprovisioner.core.intake.SubmitFailedException;
import com.fleetprovisioner.core.intake.SubmitService;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.pickers.Picker;
import com.fleetprovisioner.web.pickers.Pickers;
import com.fleetprovisioner.web.render.ConfirmPage;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.Texts;
import com.fleetprovisioner.web.render.UserZone;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.Supplier;

/** Upload, preview, submit or discard a batch; download its problems or a template. */
public final class IntakeController {
    /** The upload form: its defaults picked from Fleet Freedom's companies and the active kinds. */
    public record NewBatchPage(Picker kinds, Map<String, String> errors, Picker companies, long maxMegabytes,
            int maxRows) {
    }

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String CSV = "text/csv; charset=utf-8";

    private final IntakeService intake;
    private final SubmitService submissions;
    private final ProblemsExport exports;
    private final UploadedFiles uploads;
    private final PageRenderer renderer;
    private final Flash flash;
    private final Supplier<Optional<Long>> settingsCompany;
    private final StagedUploads staged = new StagedUploads(java.time.Clock.systemUTC());
    private final ColumnMappingController columns;
    private final Pickers pickers;

    /** @param settingsCompany the default company from the settings: the upload form starts with it */
    public IntakeController(IntakeService intake, SubmitService submissions, ProblemsExport exports,
            PageRenderer renderer, Flash flash, Supplier<Optional<Long>> settingsCompany, Pickers pickers) {
        this.settingsCompany = settingsCompany;
        this.pickers = pickers;
        this.intake = intake;
        this.submissions = submissions;
        this.exports = exports;
        this.uploads = new UploadedFiles(intake.limits(), settingsCompany);
        this.renderer = renderer;
        this.flash = flash;
        this.columns = new ColumnMappingController(intake, staged, renderer);
    }

    public void register(Routes routes) {
        routes.get("/batches/new", Access.OPERATOR, ctx -> showNew(ctx, 200, Map.of()));
        routes.post("/batches/new", Access.OPERATOR, this::upload);
        columns.register(routes);
        routes.get("/batches/{id}/preview", Access.VIEWER, ctx -> showPreview(ctx, 200, Map.of()));
        routes.post("/batches/{id}/submit", Access.OPERATOR, this::submit);
        routes.get("/batches/{id}/discard", Access.OPERATOR, this::confirmDiscard);
        routes.post("/batches/{id}/discard", Access.OPERATOR, this::discard);
        routes.get("/batches/{id}/problems.csv", Access.VIEWER, ctx -> download(ctx, "csv", CSV, exports::csv));
        routes.get("/batches/{id}/problems.xlsx", Access.VIEWER, ctx -> download(ctx, "xlsx", XLSX, exports::xlsx));
        routes.get("/templates/devices.csv", Access.VIEWER, ctx -> {
            attachment(ctx, CSV, "devices-template.csv");
            ProblemsExport.templateCsv(ctx.outputStream());
        });
        routes.get("/templates/devices.xlsx", Access.VIEWER, ctx -> {
            attachment(ctx, XLSX, "devices-template.xlsx");
            ProblemsExport.templateXlsx(ctx.outputStream());
        });
    }

    /**
     * A file whose header is not recognised, or whose person asked to choose the columns, is kept and goes
     * to the column mapping step; one read with a remembered mapping is kept too, so the preview can change it.
     */
    private void upload(Context ctx) {
        long userId = Principal.require(ctx).user().id();
        try {
            String next = uploads.withUpload(ctx, Batch.Source.UPLOAD, upload -> {
                if ("true".equals(ctx.formParam("chooseColumns"))) {
                    return "/batches/new/columns/" + staged.stage(upload, userId).token();
                }
                try {
                    Batch batch = intake.upload(Principal.actor(ctx), upload);
                    return "/batches/" + batch.id() + "/preview" + (batch.columns().isEmpty() ? ""
                            : "?columns=" + staged.stage(upload, userId).token());
                } catch (ValidationException e) {
                    if (e.fieldErrors().containsKey(IntakeFileException.COLUMNS)) {
                        flash.text(ctx, e.fieldErrors().get("file"));
                        return "/batches/new/columns/" + staged.stage(upload, userId).token();
                    }
                    throw e;
                }
            });
            ctx.redirect(next, HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            showNew(ctx, 422, renderer.errors(ctx, e));
        }
    }

    private void submit(Context ctx) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        if ("valid".equals(ctx.formParam("part"))) {
            submitPart(ctx, id);
            return;
        }
        try {
            SubmitService.SubmitResult result = submissions.submit(Principal.actor(ctx), id,
                    "true".equals(ctx.formParam("acknowledgeWarnings")));
            if (result.repeated()) {
                flash.set(ctx, "intake.flash.repeated", String.valueOf(id), result.devicesQueued());
            } else {
                flash.set(ctx, "intake.flash.submitted", result.devicesQueued());
            }
            ctx.redirect("/batches/" + id, HttpStatus.SEE_OTHER); // follow its progress
        } catch (ValidationException e) {
            showPreview(ctx, 422, renderer.errors(ctx, e));
        } catch (SubmitFailedException e) {
            showPreview(ctx, 500, Map.of("batch", SubmitFailure.of(e, intake).message()));
        }
    }

    /**
     * The valid rows, and warned rows acknowledged one by one, are submitted as a batch of their own; the
     * other rows stay in this draft, listed under "Drafts to review".
     */
    private void submitPart(Context ctx, long id) {
        java.util.Set<Integer> acknowledged = new java.util.TreeSet<>();
        for (String row : ctx.formParams("acknowledgeRow")) {
            if (row.matches("\\d{1,9}")) {
                acknowledged.add(Integer.parseInt(row));
            }
        }
        try {
            IntakeService.Split split = intake.split(Principal.actor(ctx), id, acknowledged);
            SubmitService.SubmitResult result = submissions.submit(Principal.actor(ctx), split.submittedBatchId(), true);
            flash.set(ctx, "intake.flash.split", result.devicesQueued(), String.valueOf(split.submittedBatchId()),
                    split.left().total(), String.valueOf(id), split.left().warning(), split.left().error());
            ctx.redirect("/batches/" + split.submittedBatchId(), HttpStatus.SEE_OTHER);
        } catch (ValidationException e) {
            showPreview(ctx, 422, renderer.errors(ctx, e));
        } catch (SubmitFailedException e) {
            showPreview(ctx, 500, Map.of("batch", SubmitFailure.of(e, intake).message()));
        }
    }

    /** Discarding cannot be undone: asked first, with the rows that would be thrown away. */
    private void confirmDiscard(Context ctx) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        Batch batch = intake.batch(id);
        renderer.render(ctx, "confirm/confirm", new ConfirmPage("confirm.discard.title", List.of(id),
                "confirm.discard.consequence", List.of(batch.fileName().orElse("-"), batch.counts().total(),
                        batch.counts().submittable()), ctx.path(), Map.of(), "confirm.discard.button", List.of(),
                true, "/batches/" + id + "/preview", "confirm.discard.back"));
    }

    private void discard(Context ctx) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        if (!ConfirmPage.confirmed(ctx)) {
            ctx.redirect(ctx.path(), HttpStatus.SEE_OTHER);
            return;
        }
        intake.discard(Principal.actor(ctx), id);
        flash.set(ctx, "intake.flash.discarded", String.valueOf(id));
        ctx.redirect("/batches/new", HttpStatus.SEE_OTHER);
    }

    private void showNew(Context ctx, int status, Map<String, String> errors) {
        String company = ctx.formParam("defaultCompany") != null ? value(ctx, "defaultCompany")
                : settingsCompany.get().map(String::valueOf).orElse("");
        renderer.render(ctx, status, "batches/new", new NewBatchPage(pickers.kinds(value(ctx, "defaultKind")), errors,
                pickers.companies(company), intake.limits().maxBytes() / (1024 * 1024), intake.limits().maxRows()));
    }

    private void showPreview(Context ctx, int status, Map<String, String> errors) {
        long id = ctx.pathParamAsClass("id", Long.class).get();
        RowFilter filter = filter(ctx);
        Batch batch = intake.batch(id);
        RowCursor at = cursor(ctx, PreviewPage.pages(batch, filter));
        boolean operator = Principal.require(ctx).user().role().includes(Role.OPERATOR);
        String token = ctx.queryParam("columns");
        Optional<String> changeColumns = operator && batch.draft() && token != null
                && staged.find(token, Principal.require(ctx).user().id()).isPresent()
                ? Optional.of("/batches/new/columns/" + token + "?replaces=" + id) : Optional.empty();
        renderer.render(ctx, status, "batches/preview", PreviewPage.of(batch,
                intake.page(id, filter, at, PreviewPage.PAGE_SIZE), filter, at.page(), operator, errors, changeColumns,
                reader(ctx)));
    }

    /**
     * {@code page} (from 1; below 1 is the first, past the end the last) and the cursor of the link followed,
     * {@code after} or {@code before} a row number; a page number past the end drops the cursor.
     */
    static RowCursor cursor(Context ctx, int pages) {
        int asked = ctx.queryParamAsClass("page", Integer.class).getOrDefault(1);
        OptionalInt after = row(ctx, "after");
        OptionalInt before = after.isPresent() ? OptionalInt.empty() : row(ctx, "before");
        return asked > pages ? RowCursor.page(pages) : new RowCursor(Math.max(1, asked), after, before);
    }

    /** A row number parameter; absent when not given, 400 when not a number. */
    static OptionalInt row(Context ctx, String name) {
        Integer row = ctx.queryParamAsClass(name, Integer.class).allowNullable().get();
        return row == null ? OptionalInt.empty() : OptionalInt.of(row);
    }

    /** {@code ?problems=true} or {@code ?errors=true}; all rows otherwise. */
    static RowFilter filter(Context ctx) {
        if ("true".equals(ctx.queryParam("errors"))) {
            return RowFilter.ERRORS;
        }
        return "true".equals(ctx.queryParam("problems")) ? RowFilter.PROBLEMS : RowFilter.ALL;
    }

    private void download(Context ctx, String extension, String contentType,
            ProblemsWriter writer) {
        Batch batch = intake.batch(ctx.pathParamAsClass("id", Long.class).get());
        attachment(ctx, contentType, "batch-" + batch.id() + "-problems." + extension);
        writer.write(batch, ctx.outputStream(), reader(ctx));
    }

    /** A row message in the reader's language and zone. */
    private Function<Text, String> reader(Context ctx) {
        Locale locale = renderer.locale(ctx);
        UserZone zone = UserZone.of(ctx);
        return text -> Texts.render(text, locale, zone);
    }

    /** {@link ProblemsExport#csv} or {@link ProblemsExport#xlsx}. */
    private interface ProblemsWriter {
        void write(Batch batch, java.io.OutputStream out, Function<Text, String> render);
    }

    private static void attachment(Context ctx, String contentType, String fileName) {
        ctx.contentType(contentType);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }

    private static String value(Context ctx, String name) {
        String value = ctx.req().getMethod().equals("POST") ? ctx.formParam(name) : null;
        return value == null ? "" : value;
    }
}
