package com.fleetprovisioner.web.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.routing.RouteSpec;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API description against the route table: every {@code /api/} route is described with the role
 * it enforces, and nothing is described that is not a route. A new API route fails here until it is
 * added to {@code openapi/openapi.json}. Also: the document is served as shipped, and the readable page
 * shows every operation and answer.
 */
class ApiDescriptionIT {
    private static WebTestServer server;
    private static ApiContract contract;

    @BeforeAll
    static void start() {
        server = WebTestServer.start(DatabaseKind.H2);
        contract = ApiContract.against(server.client());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyApiRouteIsDescribedWithTheRoleItEnforcesAndNothingElseIs() {
        Map<String, String> routes = new TreeMap<>();
        for (RouteSpec route : server.server().routes()) {
            if (route.path().startsWith("/api/")) {
                routes.put(route.method() + " " + route.path(), route.access().name().toLowerCase(Locale.ROOT));
            }
        }
        Map<String, String> described = new TreeMap<>();
        contract.model().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
                described.put(method + " " + path, String.valueOf(op.getExtensions().get("x-role")))));
        assertThat(routes).as("API routes").containsKey("POST /api/v1/batches").hasSizeGreaterThan(15);
        assertThat(described).as("operations of " + ApiDescription.RESOURCE + " (left) against the route table")
                .isEqualTo(routes);
    }

    @Test
    void theDocumentIsServedToAnyoneAsShipped() {
        HttpResponse<String> served = server.client().get(ApiDocsController.DOCUMENT_PATH);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(served.body()).isEqualTo(contract.text());
        // what the document says of an installation: nothing (no host, port, user or password of this one)
        assertThat(served.body()).doesNotContain(String.valueOf(server.server().port()), "127.0.0.1",
                WebTestServer.PASSWORD, server.simulator().webSocketUri().toString());
    }

    @Test
    void thePageShowsEveryOperationAndEveryAnswer() {
        String anonymous = server.client().get(ApiDocsController.PAGE_PATH).body();
        contract.documented().forEach(answer -> {
            String[] methodPathStatus = answer.split(" ");
            String operation = "data-operation=\"" + methodPathStatus[0] + " " + methodPathStatus[1] + "\"";
            assertThat(anonymous).as(answer).contains(operation);
            String section = anonymous.substring(anonymous.indexOf(operation));
            section = section.substring(0, Math.max(section.indexOf("</article>"), 0));
            assertThat(section).as(answer).contains("data-status=\"" + methodPathStatus[2] + "\"");
        });
        assertThat(anonymous).contains("href=\"/api/openapi.json\"").contains("application/json")
                .contains("multipart/form-data").contains("<code>mapping</code>").contains("<code>firstRowIsData</code>")
                .contains("Least role:").doesNotContain("data-testid=\"current-user\"");

        TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
        assertThat(viewer.get(ApiDocsController.PAGE_PATH).body()).as("a signed-in reader keeps the navigation")
                .contains("data-testid=\"current-user\"");
        assertThat(viewer.get("/tokens").body()).contains("href=\"/docs/api\"");
        assertThat(server.client().get("/login").body()).as("the footer links the page").contains("href=\"/docs/api\"");
    }
}
