package com.fleetprovisioner.web.apidocs;

import com.fleetprovisioner.web.render.PageRenderer;
import com.fleetprovisioner.web.routing.Access;
import com.fleetprovisioner.web.routing.Routes;

/**
 * The API's description: the OpenAPI document at {@code /api/openapi.json} for tools, and the same
 * document rendered as a page at {@code /docs/api} for people. Both are public, as an API's
 * description usually is: the document says what the API does, never anything of this installation.
 * The page lives outside {@code /api/} so a signed-in reader keeps the app's navigation.
 */
public final class ApiDocsController {
    public static final String DOCUMENT_PATH = "/api/openapi.json";
    public static final String PAGE_PATH = "/docs/api";

    private final ApiDescription description;
    private final ApiDocsPage page;
    private final PageRenderer renderer;

    public ApiDocsController(ApiDescription description, PageRenderer renderer) {
        this.description = description;
        this.page = ApiDocsPage.of(description.document());
        this.renderer = renderer;
    }

    public void register(Routes routes) {
        routes.get(DOCUMENT_PATH, Access.PUBLIC, ctx -> ctx.contentType("application/json").result(description.bytes()));
        routes.get(PAGE_PATH, Access.PUBLIC, ctx -> renderer.render(ctx, "apidocs/page", page));
    }
}
