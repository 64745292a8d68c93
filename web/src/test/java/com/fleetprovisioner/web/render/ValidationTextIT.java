package com.fleetprovisioner.web.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.DeviceSeeds;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A refused input is told in the reader's language wherever it is shown: beside a form's field, in a flash
 * after a redirect, on the 422 page; the API answers in English and gives each field's message key and
 * arguments. What the person typed (here hostile: markup, a control character, MessageFormat's own syntax,
 * a huge value) comes back as they typed it, escaped, cut at {@link Text#MAX_ARG}, never formatted. A 404 says
 * what is missing the same way.
 */
class ValidationTextIT {
    private static final String FRENCH = "fr-CA,fr;q=0.9";
    private static final String HOSTILE = "<b>7</b> {0} ''x'' \\";

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void refusalsShowInTheReadersLanguageAndTheApiGivesKeysBesideEnglish(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient admin = server.client().signedIn("admin", WebTestServer.PASSWORD);

            // beside the form's field: French for a French browser, English for an English one
            Map<String, String> taken = Map.of("username", "viewer", "role", "viewer", "password", "violet-kettle-orbit-47");
            admin.withHeader("Accept-Language", FRENCH);
            HttpResponse<String> french = admin.postFormWithCsrf("/admin/users", taken);
            assertThat(french.statusCode()).isEqualTo(422);
            assertThat(Jsoup.parse(french.body()).select("#new-username-error").text())
                    .isEqualTo("Un utilisateur nommé viewer existe déjà");
            admin.withHeader("Accept-Language", "en-CA");
            assertThat(Jsoup.parse(admin.postFormWithCsrf("/admin/users", taken).body()).select("#new-username-error").text())
                    .isEqualTo("A user named viewer already exists");

            // a flash after the redirect, in the language of the page that shows it
            admin.withHeader("Accept-Language", FRENCH);
            long viewer = server.user(Role.VIEWER).id();
            assertThat(admin.postFormWithCsrf("/admin/users/" + viewer + "/password", Map.of("password", "short"))
                    .statusCode()).isEqualTo(303);
            assertThat(Jsoup.parse(admin.get("/admin/users").body()).select(".flash").text())
                    .isEqualTo("Un mot de passe a au moins 12 caractères");

            // the 422 page of a refused download link
            HttpResponse<String> export = admin.get("/history.csv?from=" + URLEncoder.encode("2026-13-45", StandardCharsets.UTF_8));
            assertThat(export.statusCode()).isEqualTo(422);
            assertThat(Jsoup.parse(export.body()).select("main p[role=alert]").text())
                    .isEqualTo("Utilisez une date comme 2026-11-27 (année-mois-jour).");

            // a 404 names what is missing in the reader's language too; the API's in English
            HttpResponse<String> missing = admin.get("/batches/987654");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(Jsoup.parse(missing.body()).select("main p[role=alert]").text()).isEqualTo("Aucun lot 987654");

            // what the person typed comes back as typed, escaped, never read as a message's syntax
            String typed = HOSTILE + "\u0007" + "9".repeat(100_000);
            HttpResponse<String> upload = server.client().signedIn("operator", WebTestServer.PASSWORD)
                    .withHeader("Accept-Language", FRENCH)
                    .postFile("/batches/new", Optional.empty(), Map.of("defaultCompany", typed), "devices.csv",
                            "id,kind\n356938035643809,genx\n".getBytes(StandardCharsets.UTF_8));
            assertThat(upload.statusCode()).isEqualTo(422);
            assertThat(upload.body()).doesNotContain("<b>7</b>");
            Document page = Jsoup.parse(upload.body());
            assertThat(page.select("#defaultCompany-error").text())
                    .startsWith("L'entreprise par défaut doit être un numéro d'entreprise, pas « " + HOSTILE)
                    .endsWith("9… ».")
                    .hasSizeLessThan(Text.MAX_ARG + 100);

            // the API: English, and the key with its arguments for a client that shows another language
            String token = server.apiToken("admin");
            HttpResponse<String> api = server.client().send("POST", "/api/v1/reconciliations", Optional.of(token),
                    Optional.of("{\"company\": \"" + "<b>x</b>" + "\"}"));
            assertThat(api.statusCode()).isEqualTo(422);
            JsonNode body = new ObjectMapper().readTree(api.body());
            assertThat(body.get("message").asText()).isEqualTo("company must be a whole number, such as {\"company\": 42}.");
            assertThat(body.get("fields").get("company").asText()).isEqualTo(body.get("message").asText());
            assertThat(body.get("fieldTexts").get("company").get("messageKey").asText()).isEqualTo("api.error.reconcileCompany");
            assertThat(body.get("fieldTexts").get("company").get("messageArgs").get(0).asText()).isEqualTo("{\"company\": 42}");
            HttpResponse<String> absent = server.client().send("GET", "/api/v1/batches/987654", Optional.of(token),
                    Optional.empty());
            assertThat(absent.statusCode()).isEqualTo(404);
            assertThat(new ObjectMapper().readTree(absent.body()).get("message").asText()).isEqualTo("No batch 987654");
            assertThat(Messages.text(Messages.FRENCH, "api.error.reconcileCompany", "{\"company\": 42}"))
                    .as("the same key read in French").isEqualTo("company doit être un nombre entier, comme {\"company\": 42}.");
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void statesPasswordWarningsAndADevicesLastErrorAreInTheReadersLanguage(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient admin = server.client().signedIn("admin", WebTestServer.PASSWORD).withHeader("Accept-Language", FRENCH);

            // the password checker's warning, from our messages files rather than its English
            Map<String, String> guessable = Map.of("username", "newcomer", "role", "viewer", "password", "abcdefghijkl");
            assertThat(Jsoup.parse(admin.postFormWithCsrf("/admin/users", guessable).body()).select("#new-password-error").text())
                    .isEqualTo("Ce mot de passe est trop facile à deviner : Les suites comme abc ou 6543 sont faciles à deviner. "
                            + "Utilisez quelques mots sans lien entre eux ou le mot de passe aléatoire d'un gestionnaire de mots de passe.");
            admin.withHeader("Accept-Language", "en-CA");
            assertThat(Jsoup.parse(admin.postFormWithCsrf("/admin/users", guessable).body()).select("#new-password-error").text())
                    .startsWith("This password is too easy to guess: Sequences like abc or 6543 are easy to guess. Use");

            // a refusal that names a state names its label, not its id
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD).withHeader("Accept-Language", FRENCH);
            HttpResponse<String> upload = operator.postFile("/batches/new", Optional.empty(), Map.of(), "devices.csv",
                    "IMEI,Kind,Company\n356938035643809,genx,42\n".getBytes(StandardCharsets.UTF_8));
            long batch = Long.parseLong(upload.headers().firstValue("Location").orElseThrow().replaceAll("\\D+", " ").trim()
                    .split(" ")[0]);
            assertThat(operator.postFormWithCsrf("/batches/" + batch + "/discard", Map.of("confirm", "yes")).statusCode())
                    .isEqualTo(303);
            HttpResponse<String> again = operator.postFormWithCsrf("/batches/" + batch + "/discard", Map.of("confirm", "yes"));
            assertThat(again.statusCode()).isEqualTo(422);
            assertThat(Jsoup.parse(again.body()).text()).contains("Le lot " + batch + " est « Supprimé »; seul un brouillon")
                    .doesNotContain("discarded");
            String token = server.apiToken("operator");
            JsonNode refused = new ObjectMapper().readTree(server.client().send("POST", "/api/v1/batches/" + batch + "/submit",
                    Optional.of(token), Optional.of("{}")).body());
            assertThat(refused.get("message").asText()).isEqualTo("Batch " + batch + " is \"Discarded\" and cannot be submitted.");
            assertThat(refused.get("fieldTexts").get("batch").get("messageArgs").get(1).asText()).isEqualTo("Discarded");

            // a device's last error: stored as a key with arguments, shown in each reader's language; an old row as it was
            DeviceSeeds.queued(server, Map.of("356938035643817", 42, "356938035643825", 42));
            DeviceSeeds.failed(server, Text.of("event.text.gaveUp", 3, "COMPANY_NOT_FOUND"), 28, "356938035643817");
            DeviceSeeds.failed(server, "Gave up after 2 attempts (stored in English)", "356938035643825");
            TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD).withHeader("Accept-Language", FRENCH);
            assertThat(Jsoup.parse(viewer.get("/history/356938035643817").body()).text())
                    .contains("Abandon après 3 tentatives. Dernière réponse : COMPANY_NOT_FOUND (code 28)");
            assertThat(Jsoup.parse(viewer.get("/history/356938035643825").body()).text())
                    .contains("Gave up after 2 attempts (stored in English)");
            assertThat(Jsoup.parse(viewer.get("/history").body()).text())
                    .contains("Abandon après 3 tentatives. Dernière réponse : COMPANY_NOT_FOUND");
            String frenchCsv = new String(viewer.download("/history.csv").body(), StandardCharsets.UTF_8);
            assertThat(frenchCsv.lines().findFirst().orElseThrow()).startsWith("\uFEFFIdentifiant de l'appareil,Type,Entreprise")
                    .endsWith(",Code de la dernière erreur,Dernière erreur");
            assertThat(frenchCsv).contains(",28,Abandon après 3 tentatives. Dernière réponse : COMPANY_NOT_FOUND");
            viewer.withHeader("Accept-Language", "en-CA");
            assertThat(Jsoup.parse(viewer.get("/history/356938035643817").body()).text())
                    .contains("Gave up after 3 attempts. Last answer: COMPANY_NOT_FOUND (code 28)");
            JsonNode device = new ObjectMapper().readTree(server.client().send("GET", "/api/v1/devices/356938035643817",
                    Optional.of(token), Optional.empty()).body());
            assertThat(device.get("lastErrorMessage").asText()).isEqualTo("Gave up after 3 attempts. Last answer: COMPANY_NOT_FOUND");
        }
    }
}
