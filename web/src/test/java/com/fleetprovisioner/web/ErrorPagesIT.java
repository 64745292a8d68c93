package com.fleetprovisioner.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The 404 and 500 pages say what happened, each with an error id to quote; neither shows a stack trace. */
class ErrorPagesIT {

    @Test
    void notFoundAndServerErrorPagesShowNoStackTraceAndTheServerErrorAnId() {
        try (WebTestServer server = WebTestServer.start(DatabaseKind.H2)) {
            TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
            HttpResponse<String> missing = viewer.get("/batches/987654");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.body()).contains("<h1>Not found</h1>").contains("No batch 987654")
                    .containsPattern("Error id</span>: <code>[A-Za-z0-9_-]{6,}</code>")
                    .doesNotContain("Exception").doesNotContain("\tat ");

            // the dashboard reads the pipeline state: without its table, the page fails on the server
            DatabaseFixture.dsl(server.database()).execute("ALTER TABLE pipeline_state RENAME TO pipeline_state_gone");
            HttpResponse<String> broken = viewer.get("/");
            assertThat(broken.statusCode()).isEqualTo(500);
            Matcher id = Pattern.compile("Error id</span>: <code>([A-Za-z0-9_-]{6,})</code>").matcher(broken.body());
            assertThat(id.find()).as("an error id on the page").isTrue();
            assertThat(broken.body()).contains("Quote this error id when you report it: " + id.group(1))
                    .doesNotContain("Exception").doesNotContain("pipeline_state").doesNotContain("\tat ")
                    .doesNotContain("org.jooq");
        }
    }
}
