package com.fleetprovisioner.web.render;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.web.auth.CsrfTokens;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.messageresolver.StandardMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresource.ITemplateResource;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders {@code templates/<feature>/<view>.html} with two model entries: {@code page}, the view's
 * own record, and {@code layout}, what the shared layout needs. UI text comes from the messages files,
 * in the reader's language ({@link Languages}).
 */
public final class PageRenderer {
    private final TemplateEngine engine;
    private final CsrfTokens csrf;
    private final Flash flash;
    private final BooleanSupplier simulatorTarget;
    private final String version;
    private final Supplier<Optional<Text>> pipelineAlert;
    private final Languages languages;

    /** @param simulatorTarget asked at every page: an admin may point the pipeline elsewhere at any time */
    public PageRenderer(CsrfTokens csrf, Flash flash, BooleanSupplier simulatorTarget, String version,
            Supplier<Optional<Text>> pipelineAlert, Languages languages) {
        this.pipelineAlert = pipelineAlert;
        this.languages = languages;
        this.csrf = csrf;
        this.flash = flash;
        this.simulatorTarget = simulatorTarget;
        this.version = version;
        this.engine = createEngine();
    }

    /** A text of the messages files outside a template, in the reader's language. */
    public String text(Context ctx, String key, Object... args) {
        return Messages.text(locale(ctx), key, args);
    }

    /** A core text in the reader's language, its times in the reader's zone. */
    public String text(Context ctx, Text text) {
        return Texts.render(text, locale(ctx), UserZone.of(ctx));
    }

    /** A refusal's message per field in the reader's language, for the form shown again beside its fields. */
    public Map<String, String> errors(Context ctx, ValidationException refused) {
        Map<String, String> shown = new LinkedHashMap<>();
        refused.fieldErrors().forEach((field, text) -> shown.put(field, text(ctx, text)));
        return shown;
    }

    /** The reader's locale: their language for text, and for numbers and dates. */
    public Locale locale(Context ctx) {
        return languages.of(ctx);
    }

    public void render(Context ctx, String template, Object page) {
        render(ctx, 200, template, page);
    }

    public void render(Context ctx, int status, String template, Object page) {
        org.thymeleaf.context.Context model = new org.thymeleaf.context.Context(locale(ctx),
                Map.of("page", page, "layout", layout(ctx)));
        ctx.status(status).html(engine.process(template, model));
    }

    private LayoutModel layout(Context ctx) {
        var principal = Principal.of(ctx);
        Role role = principal.map(p -> p.user().role()).orElse(null);
        return new LayoutModel(
                principal.map(p -> p.user().username()),
                principal.map(p -> p.user().role().id()),
                role != null && role.includes(Role.OPERATOR),
                role == Role.ADMIN,
                // an anonymous page other than the sign-in form has no form: no pre-session row for it
                principal.isPresent() || "/login".equals(ctx.path()) ? csrf.token(ctx) : "",
                flash.take(ctx).flatMap(m -> flashText(ctx, m)),
                simulatorTarget.getAsBoolean(),
                version,
                principal.isPresent() ? pipelineAlert.get().map(t -> Texts.render(t, locale(ctx), UserZone.of(ctx)))
                        : Optional.empty(),
                Messages.language(locale(ctx)).toLanguageTag());
    }

    /**
     * A flash in the language of the page that shows it. One with a key we do not have, or arguments its
     * message cannot format (a forged cookie), shows nothing rather than failing the page.
     */
    private Optional<String> flashText(Context ctx, Flash.Message message) {
        if (!Messages.has(message.key())) {
            return Optional.empty();
        }
        Object[] args = message.arguments().stream()
                .map(a -> a instanceof Flash.Key k && Messages.has(k.key()) ? text(ctx, k.key())
                        : a instanceof String s && Text.nested(s).isPresent()
                        ? Texts.render(Text.nested(s).get(), locale(ctx), UserZone.of(ctx)) : a).toArray();
        try {
            return Optional.of(Messages.typedText(locale(ctx), message.key(), args));
        } catch (IllegalArgumentException unformattable) {
            return Optional.empty();
        }
    }

    private static TemplateEngine createEngine() {
        RecordAccessor.install();
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver(PageRenderer.class.getClassLoader());
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        templates.setCacheable(true);
        // the English file is every key's fallback; a language's own file overrides it
        StandardMessageResolver messages = new StandardMessageResolver() {
            @Override
            protected Map<String, String> resolveMessagesForTemplate(String template, ITemplateResource resource,
                    Locale locale) {
                return Messages.overrides(locale);
            }
        };
        messages.setDefaultMessages(Messages.all());
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(templates);
        engine.setMessageResolver(messages);
        return engine;
    }
}
