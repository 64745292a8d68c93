package com.fleetprovisioner.web.batches;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The preview and the API page a batch's rows by keyset: the links carry the row a page starts after (or
 * ends before), and walking them forward and back shows every row once, in order, with "page n of m" as
 * before. Hostile page parameters get the nearest page or a 400, never a 500.
 */
class PreviewPagingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ROW = Pattern.compile("data-row=\"(\\d+)\"");
    private static final Pattern NEXT = Pattern.compile("href=\"([^\"]+)\" rel=\"next\"");
    private static final Pattern PREVIOUS = Pattern.compile("href=\"([^\"]+)\" rel=\"prev\"");
    private static final Pattern PAGE_OF = Pattern.compile("Page (\\d+) of (\\d+)");
    private static final int DEVICES = 230;

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyRowOnceForwardAndBackInEachFilterAndHostilePagesAnsweredSensibly(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            String token = server.services().tokens().issue(Actor.system(), server.user(Role.OPERATOR), "api").rawToken();
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            // blank lines leave gaps in the row numbers, as a partial submit does
            StringBuilder csv = new StringBuilder("IMEI,Kind,Company\n");
            List<Integer> all = new ArrayList<>();
            List<Integer> errors = new ArrayList<>();
            int line = 1;
            for (int i = 0; i < DEVICES; i++) {
                if (i % 40 == 39) {
                    csv.append(",,\n");
                    line++;
                }
                line++;
                boolean error = i % 3 == 0;
                csv.append(IntakeFiles.imei(i)).append(error ? ",nope,42\n" : ",genx,42\n");
                all.add(line);
                if (error) {
                    errors.add(line);
                }
            }
            HttpResponse<String> upload = server.client().postFile("/api/v1/batches", Optional.of(token), Map.of(),
                    "paged.csv", IntakeFiles.csv(csv.toString()));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
            long id = JSON.readTree(upload.body()).get("batchId").asLong();
            String preview = "/batches/" + id + "/preview";

            assertThat(walk(operator, preview, 5)).isEqualTo(all);
            assertThat(walk(operator, preview + "?errors=true", 2)).isEqualTo(errors);
            assertThat(walk(operator, preview + "?problems=true", 2)).isEqualTo(errors);

            // a page by its number alone is the same page as the links reach
            assertThat(rows(operator.get(preview + "?page=3").body())).isEqualTo(all.subList(100, 150));
            assertThat(rows(operator.get(preview + "?errors=true&page=2").body())).isEqualTo(errors.subList(50, errors.size()));
            // below the first page: the first; past the last (even the largest int): the last
            HttpResponse<String> negative = operator.get(preview + "?page=-7");
            assertThat(negative.statusCode()).isEqualTo(200);
            assertThat(rows(negative.body())).isEqualTo(all.subList(0, 50));
            assertThat(negative.body()).contains("Page 1 of 5");
            HttpResponse<String> huge = operator.get(preview + "?page=2147483647&after=1");
            assertThat(huge.statusCode()).isEqualTo(200);
            assertThat(rows(huge.body())).isEqualTo(all.subList(200, DEVICES));
            assertThat(huge.body()).contains("Page 5 of 5").doesNotContain("rel=\"next\"");
            // a cursor outside the batch: nothing before the first row, nothing after the largest int
            assertThat(rows(operator.get(preview + "?page=2&after=-2147483648").body())).isEqualTo(all.subList(0, 50));
            assertThat(rows(operator.get(preview + "?page=2&after=2147483647").body())).isEmpty();
            assertThat(rows(operator.get(preview + "?page=3&before=2147483647").body())).isEqualTo(all.subList(180, DEVICES));
            for (String bad : List.of("page=abc", "page=99999999999", "after=1e3", "before=%0A", "page=%00", "after=")) {
                HttpResponse<String> refused = operator.get(preview + "?" + bad);
                assertThat(refused.statusCode()).as(bad).isEqualTo(400);
                assertThat(refused.body()).as(bad).contains("The address or a parameter is malformed");
            }

            // the API: "next" carries the cursor; following it reads every row once
            List<Integer> read = new ArrayList<>();
            String next = "/api/v1/batches/" + id + "/rows?size=64";
            int pages = 0;
            while (next != null) {
                JsonNode page = JSON.readTree(api(operator, token, next).body());
                page.get("rows").forEach(r -> read.add(r.get("row").asInt()));
                next = page.has("next") ? page.get("next").asText() : null;
                pages++;
            }
            assertThat(read).isEqualTo(all);
            assertThat(pages).isEqualTo(4);
            JsonNode errorPage = JSON.readTree(api(operator, token, "/api/v1/batches/" + id + "/rows?errors=true&size=70").body());
            assertThat(errorPage.get("next").asText()).isEqualTo("/api/v1/batches/" + id + "/rows?errors=true&page=2&size=70&after="
                    + errors.get(69));
            JsonNode beyond = JSON.readTree(api(operator, token, "/api/v1/batches/" + id + "/rows?page=2147483647").body());
            assertThat(beyond.get("rows")).isEmpty();
            assertThat(beyond.has("next")).isFalse();
            JsonNode tiny = JSON.readTree(api(operator, token, "/api/v1/batches/" + id + "/rows?page=-3&size=-9").body());
            assertThat(tiny.get("page").asInt()).isEqualTo(1);
            assertThat(tiny.get("rows")).hasSize(1);
            for (String bad : List.of("page=abc", "after=%01", "size=1e9", "page=-99999999999")) {
                assertThat(api(operator, token, "/api/v1/batches/" + id + "/rows?" + bad).statusCode()).as(bad).isEqualTo(400);
            }
        }
    }

    private static HttpResponse<String> api(TestClient client, String token, String path) {
        return client.send("GET", path, Optional.of(token), Optional.empty());
    }

    /** The rows of every page from the first, following "next", then back along "previous", checking they match. */
    private static List<Integer> walk(TestClient operator, String first, int pages) {
        List<List<Integer>> forward = new ArrayList<>();
        String path = first;
        String last = first;
        while (path != null) {
            String body = operator.get(path).body();
            forward.add(rows(body));
            Matcher of = PAGE_OF.matcher(body);
            assertThat(of.find()).isTrue();
            assertThat(of.group(1)).isEqualTo(String.valueOf(forward.size()));
            assertThat(of.group(2)).isEqualTo(String.valueOf(pages));
            last = path;
            path = link(NEXT, body);
        }
        assertThat(forward).hasSize(pages);
        String back = link(PREVIOUS, operator.get(last).body());
        for (int page = pages - 2; page >= 0; page--) {
            String body = operator.get(back).body();
            assertThat(rows(body)).as("page %d, back", page + 1).isEqualTo(forward.get(page));
            back = link(PREVIOUS, body);
        }
        assertThat(back).isNull();
        return forward.stream().flatMap(List::stream).toList();
    }

    private static String link(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    private static List<Integer> rows(String body) {
        return ROW.matcher(body).results().map(m -> Integer.parseInt(m.group(1))).toList();
    }
}
