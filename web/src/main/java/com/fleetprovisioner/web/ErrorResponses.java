package com.fleetprovisioner.web;

import com.fleetprovisioner.core.auth.HashingBusyException;
import com.fleetprovisioner.core.common.NotFoundException;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.common.Secrets;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.web.auth.AuthFilters;
import com.fleetprovisioner.web.auth.Principal;
import com.fleetprovisioner.web.render.Messages;
import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.render.Texts;
import com.fleetprovisioner.web.routing.ErrorGuard;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error a person or a client can meet: JSON under {@code /api/}, a page elsewhere. A 500 shows
 * an error id that is also in the log beside the stack trace; the page never shows the trace.
 */
public final class ErrorResponses {
    /** What the error page shows. */
    public record ErrorPage(int status, String title, String message, String errorId) {
    }

    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);
    private static final String HANDLED = "fp.error-handled";
    /** Where the fixed answers below take the error id ({@link String#formatted}). */
    private static final String ID_SLOT = "%1$s";
    /**
     * Served when even the error page fails (e.g. the heap is exhausted): no template, no model, no look-up of
     * the reader's language (it may need the database), so in English, the API's language. Made once, at start.
     */
    private static final String FIXED_PAGE = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>" + Messages.text("error.server") + "</title></head><body><main><h1>"
            + Messages.text("error.server") + "</h1><p role=\"alert\">" + Messages.text("error.server.message", ID_SLOT)
            + "</p><p>" + Messages.text("error.id") + ": <code>%1$s</code></p><p><a href=\"/\">"
            + Messages.text("error.back") + "</a></p></main></body></html>";
    private static final String FIXED_JSON = "{\"error\":\"" + Messages.text("error.server") + "\",\"message\":\""
            + Messages.text("error.server.message", ID_SLOT) + "\",\"errorId\":\"%1$s\"}";

    private final PageRenderer renderer;

    public ErrorResponses(PageRenderer renderer) {
        this.renderer = renderer;
    }

    public void register(Javalin app) {
        app.exception(NotFoundException.class, (e, ctx) -> notFound(ctx, e.text().key(), e.text().args().toArray()));
        app.exception(ValidationException.class, (e, ctx) -> validation(ctx, e));
        // a malformed path or query parameter (e.g. /admin/users/abc/role): nothing is there
        app.exception(io.javalin.validation.ValidationException.class,
                (e, ctx) -> respond(ctx, 400, "error.badRequest", "", "error.badRequest.parameter"));
        app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == HttpStatus.NOT_FOUND.getCode()) {
                unknownAddress(ctx); // Javalin's answer to a path no route matches
            } else if (e.getMessage() != null && Messages.has(e.getMessage())) { // ours: a message key
                respond(ctx, e.getStatus(), "error.refused", "", e.getMessage());
            } else { // Javalin's own words
                respond(ctx, e.getStatus(), "error.refused", "", Text.VERBATIM, e.getMessage());
            }
        });
        app.exception(com.fasterxml.jackson.core.JacksonException.class,
                (e, ctx) -> respond(ctx, 400, "error.badRequest", "", "error.badRequest.json"));
        app.exception(HashingBusyException.class, (e, ctx) -> busy(ctx, e.retryAfterSeconds()));
        app.exception(Exception.class, (e, ctx) -> serverError(ctx, e));
        app.error(HttpStatus.NOT_FOUND.getCode(), ctx -> {
            if (ctx.attribute(HANDLED) == null) {
                unknownAddress(ctx);
            }
        });
        app.error(HttpStatus.METHOD_NOT_ALLOWED.getCode(), ctx -> {
            if (ctx.attribute(HANDLED) == null) {
                respond(ctx, 405, "error.method", "", "error.method.message", ctx.method().name());
            }
        });
    }

    /** Without a sign-in, an unknown address says no more than a known one would. */
    private void unknownAddress(Context ctx) {
        if (Principal.of(ctx).isPresent()) {
            notFound(ctx, "error.notFound.path", ctx.path());
        } else if (AuthFilters.isApi(ctx)) {
            unauthorized(ctx, "error.unauthorized.token");
        } else {
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
        }
    }

    /** @param messageKey a key of the messages files, with its arguments (also for the other answers below) */
    public void unauthorized(Context ctx, String messageKey, Object... args) {
        ctx.header("WWW-Authenticate", "Bearer");
        respond(ctx, 401, "error.unauthorized", "", messageKey, args);
    }

    public void forbidden(Context ctx, String messageKey, Object... args) {
        respond(ctx, 403, "error.forbidden", "", messageKey, args);
    }

    /** With an id too, logged at INFO: a user who quotes it leads support to the link that broke. */
    public void notFound(Context ctx, String messageKey, Object... args) {
        String errorId = Secrets.randomToken(6);
        log.info("Not found {} on {} {}: {}", errorId, ctx.method(), ctx.path(), Messages.text(messageKey, args));
        respond(ctx, 404, "error.notFound", errorId, messageKey, args);
    }

    /**
     * The API answers in English, each field's text also as its message key and arguments (as device events
     * give theirs) for a client that shows it in another language; a page in its reader's language.
     */
    public void validation(Context ctx, ValidationException e) {
        if (AuthFilters.isApi(ctx)) {
            Map<String, String> fields = new LinkedHashMap<>();
            Map<String, Object> keyed = new LinkedHashMap<>();
            e.fieldErrors().forEach((field, text) -> {
                fields.put(field, Texts.english(text));
                keyed.put(field, Map.of("messageKey", text.key(), "messageArgs", Texts.englishArgs(text)));
            });
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", "validation");
            body.put("message", String.join("; ", fields.values()));
            body.put("fields", fields);
            body.put("fieldTexts", keyed);
            ctx.attribute(HANDLED, true);
            ctx.status(422).json(body);
            return;
        }
        respond(ctx, 422, "error.validation", "", Text.VERBATIM,
                String.join("; ", renderer.errors(ctx, e).values()));
    }

    /** Too many password checks at once: a sign-in, a new user or a new password may try again shortly. */
    public void busy(Context ctx, long retryAfterSeconds) {
        ctx.header("Retry-After", Long.toString(retryAfterSeconds));
        respond(ctx, 429, "error.busy", "", "error.busy.message", retryAfterSeconds);
    }

    /**
     * Logs the failure with a new id and answers with it. An {@link Error} is logged as itself (the
     * request ends here, nothing carries on); if the answer had already begun, the connection is cut
     * so the client sees a failed transfer, not a truncated file that looks whole; if the error page
     * cannot be rendered either, a fixed page still carries the id.
     */
    public void serverError(Context ctx, Exception e) {
        Throwable failure = e instanceof ErrorGuard.ErrorInHandler ? e.getCause() : e;
        String errorId = Secrets.randomToken(6);
        log.error("Unhandled error {} on {} {}", errorId, ctx.method(), ctx.path(), failure);
        if (ctx.res().isCommitted()) {
            abort(ctx, failure);
            return;
        }
        try {
            respond(ctx, 500, "error.server", errorId, "error.server.message", errorId);
        } catch (RuntimeException | Error pageFailed) {
            log.error("The error page for {} failed too", errorId, pageFailed);
            fixedServerError(ctx, errorId);
        }
    }

    private static void fixedServerError(Context ctx, String errorId) {
        ctx.attribute(HANDLED, true);
        ctx.status(500);
        if (AuthFilters.isApi(ctx)) {
            ctx.contentType("application/json").result(FIXED_JSON.formatted(errorId));
        } else {
            ctx.contentType("text/html; charset=utf-8").result(FIXED_PAGE.formatted(errorId));
        }
    }

    private static void abort(Context ctx, Throwable failure) {
        if (ctx.res() instanceof org.eclipse.jetty.server.Response jetty) {
            jetty.getHttpChannel().abort(failure);
        }
    }

    /** The API answers in English; a page in its reader's language. */
    private void respond(Context ctx, int status, String titleKey, String errorId, String messageKey, Object... args) {
        ctx.attribute(HANDLED, true);
        if (AuthFilters.isApi(ctx)) {
            String title = Messages.text(titleKey);
            String message = Messages.text(messageKey, args);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", title);
            body.put("message", message);
            if (!errorId.isEmpty()) {
                body.put("errorId", errorId);
            }
            ctx.status(status).json(body);
            return;
        }
        renderer.render(ctx, status, "error/page", new ErrorPage(status, renderer.text(ctx, titleKey),
                renderer.text(ctx, messageKey, args), errorId));
    }
}
