package com.fleetprovisioner.web.render;

import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.web.auth.CsrfTokens;
import com.fleetprovisioner.web.auth.Flash;
import com.fleetprovisioner.web.auth.Principal;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.Properties;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.messageresolver.StandardMessageResolver;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders {@code templates/<feature>/<view>.html} with two model entries: {@code page}, the view's
 * own record, and {@code layout}, what the shared layout needs. UI text comes from
 * {@code messages.properties}.
 */
public final class PageRenderer {
    private final TemplateEngine engine;
    private final CsrfTokens csrf;
    private final Flash flash;
    private final BooleanSupplier simulatorTarget;
    private final String version;
    private final Supplier<Optional<String>> pipelineAlert;

    /** @param simulatorTarget asked at every page: an admin may point the pipeline elsewhere at any time */
    public PageRenderer(CsrfTokens csrf, Flash flash, BooleanSupplier simulatorTarget, String version,
            Supplier<Optional<String>> pipelineAlert) {
        this.pipelineAlert = pipelineAlert;
        this.csrf = csrf;
        this.flash = flash;
        this.simulatorTarget = simulatorTarget;
        this.version = version;
        this.engine = createEngine();
    }

    public void render(Context ctx, String template, Object page) {
        render(ctx, 200, template, page);
    }

    public void render(Context ctx, int status, String template, Object page) {
        org.thymeleaf.context.Context model = new org.thymeleaf.context.Context(locale(ctx),
                Map.of("page", page, "layout", layout(ctx)));
        ctx.status(status).html(engine.process(template, model));
    }

    /** Numbers and dates follow the browser's language; the text stays in the one messages file there is. */
    static Locale locale(Context ctx) {
        String accepted = ctx.header("Accept-Language");
        if (accepted == null || accepted.isBlank()) {
            return Locale.ENGLISH;
        }
        try {
            return Locale.LanguageRange.parse(accepted).stream().map(r -> r.getRange()).filter(r -> !r.equals("*"))
                    .findFirst().map(Locale::forLanguageTag).orElse(Locale.ENGLISH);
        } catch (IllegalArgumentException e) {
            return Locale.ENGLISH;
        }
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
                flash.take(ctx),
                simulatorTarget.getAsBoolean(),
                version,
                principal.isPresent() ? pipelineAlert.get() : Optional.empty());
    }

    private static TemplateEngine createEngine() {
        RecordAccessor.install();
        ClassLoaderTemplateResolver templates = new ClassLoaderTemplateResolver(PageRenderer.class.getClassLoader());
        templates.setPrefix("templates/");
        templates.setSuffix(".html");
        templates.setTemplateMode(TemplateMode.HTML);
        templates.setCharacterEncoding("UTF-8");
        templates.setCacheable(true);
        StandardMessageResolver messages = new StandardMessageResolver();
        messages.setDefaultMessages(loadMessages());
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(templates);
        engine.setMessageResolver(messages);
        return engine;
    }

    private static final Properties MESSAGES = loadMessages();

    /**
     * A message of {@code messages.properties} with its arguments (MessageFormat), for texts a controller
     * sets outside a template: flash messages.
     */
    public static String text(String key, Object... args) {
        String pattern = MESSAGES.getProperty(key);
        if (pattern == null) {
            throw new IllegalArgumentException("No message " + key);
        }
        return new java.text.MessageFormat(pattern, Locale.ENGLISH).format(args);
    }

    private static Properties loadMessages() {
        Properties properties = new Properties();
        try (InputStream in = PageRenderer.class.getClassLoader().getResourceAsStream("messages.properties")) {
            if (in == null) {
                throw new IllegalStateException("messages.properties is missing from the classpath");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
