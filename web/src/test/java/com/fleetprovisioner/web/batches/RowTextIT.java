package com.fleetprovisioner.web.batches;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.intake.DeviceKinds;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.DeviceSeeds;
import com.fleetprovisioner.web.testing.IntakeFiles;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An upload's row and column findings are stored as keys with arguments and shown in each reader's language: the
 * preview and the problems download in French (Canada) for a French browser and in English for an English one, the
 * API in English with the key and arguments beside. What the file held (markup, MessageFormat's own syntax, a huge
 * value) comes back as typed, escaped on the page, shortened in the message as before, never formatted.
 */
class RowTextIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FRENCH = "fr-CA,fr;q=0.9";
    private static final String HOSTILE = "<b>{0}</b> ''x''";
    private static final String HUGE = "z".repeat(5000);

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void rowProblemsShowInTheReadersLanguageOnThePreviewAndInTheProblemsDownload(DatabaseKind kind) throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            String file = "IMEI,Kind,Company\n"
                    + IntakeFiles.imei(1) + ",genx,42\n"
                    + "356938035643808,genx,42\n"
                    + IntakeFiles.imei(2) + "," + HOSTILE + ",99\n"
                    + IntakeFiles.imei(1) + ",genx,43\n"
                    + "12 34,genx,42\n"
                    + IntakeFiles.imei(3) + "," + HUGE + ",42\n";
            operator.withHeader("Accept-Language", FRENCH);
            HttpResponse<String> upload = operator.postFile("/batches/new", Optional.empty(), Map.of(), "devices.csv",
                    IntakeFiles.csv(file));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(303);
            String preview = upload.headers().firstValue("Location").orElseThrow();
            long batchId = Long.parseLong(preview.replaceAll("\\D+", " ").trim().split(" ")[0]);
            String kinds = String.join(", ", DeviceKinds.ACTIVE);

            String frenchPage = operator.get(preview).body();
            assertThat(frenchPage).doesNotContain(HOSTILE).doesNotContain("{1}");
            assertThat(Jsoup.parse(frenchPage).text()).contains(
                    "Le chiffre de contrôle de cet IMEI à 15 chiffres est erroné (9 attendu à la fin)",
                    "« " + HOSTILE + " » n'est pas un type accepté par Fleet Freedom; utilisez l'un de ceux-ci : " + kinds + ".",
                    "L'entreprise 99 ne fait pas partie de vos entreprises dans Fleet Freedom (les vôtres : 42, 43).",
                    "Même identifiant que la ligne 2; seule la ligne 2 est conservée.",
                    "L'identifiant contient une espace; les identifiants Fleet Freedom",
                    "« " + "z".repeat(40) + "… » n'est pas un type accepté")
                    .doesNotContain("is not a kind", "Same id as row");

            String frenchCsv = download(operator, batchId);
            assertThat(frenchCsv.lines().findFirst().orElseThrow()).isEqualTo("\uFEFFIMEI,Kind,Company,Problèmes");
            assertThat(frenchCsv).contains("Kind: « " + HOSTILE + " » n'est pas un type accepté par Fleet Freedom",
                    "Company: L'entreprise 99 ne fait pas partie de vos entreprises",
                    "Même identifiant que la ligne 2; seule la ligne 2 est conservée.",
                    "IMEI: Le chiffre de contrôle de cet IMEI à 15 chiffres est erroné",
                    "Kind: « " + "z".repeat(40) + "… » n'est pas un type")
                    .doesNotContain("is not a kind");

            operator.withHeader("Accept-Language", "en-CA");
            assertThat(Jsoup.parse(operator.get(preview).body()).text()).contains(
                    "\"" + HOSTILE + "\" is not a kind Fleet Freedom accepts; use one of " + kinds + ".",
                    "Same id as row 2; only row 2 is kept.",
                    "The id contains a space; Fleet Freedom ids may hold letters A-Z, digits 0-9 and - _ . : only.")
                    .doesNotContain("n'est pas un type");
            assertThat(download(operator, batchId)).contains("Kind: \"\"" + HOSTILE + "\"\" is not a kind Fleet Freedom accepts", // quotes doubled in CSV
                    "Company: Company 99 is not one of your companies in Fleet Freedom (yours: 42, 43).")
                    .doesNotContain("L'entreprise");

            // the API: English text, with the key and the arguments as typed beside it, whatever the client's language
            String token = server.services().tokens().issue(Actor.system(), server.user(Role.OPERATOR), "api").rawToken();
            TestClient api = server.client().withHeader("Accept-Language", FRENCH);
            JsonNode rows = JSON.readTree(api.send("GET", "/api/v1/batches/" + batchId + "/rows?problems=true",
                    Optional.of(token), Optional.empty()).body()).get("rows");
            JsonNode kindMessage = rows.get(1).get("messages").get(0);
            assertThat(rows.get(1).get("row").asInt()).isEqualTo(4);
            assertThat(kindMessage.get("text").asText()).startsWith("\"" + HOSTILE + "\" is not a kind");
            assertThat(kindMessage.get("messageKey").asText()).isEqualTo("intake.row.kind.unknown");
            assertThat(JSON.convertValue(kindMessage.get("messageArgs"), List.class)).containsExactly(HOSTILE, kinds);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theDeviceFormShowsARowsFindingsInTheReadersLanguage(DatabaseKind kind) {
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD)
                    .withHeader("Accept-Language", FRENCH);
            HttpResponse<String> refused = operator.postFormWithCsrf("/devices/new", Map.of("id", "12 34",
                    "kind", HOSTILE, "company", "99", "phone", "abc"));
            assertThat(refused.statusCode()).isEqualTo(422);
            var page = Jsoup.parse(refused.body());
            assertThat(page.select("#id-error").text()).isEqualTo("L'identifiant contient une espace; les identifiants "
                    + "Fleet Freedom ne peuvent contenir que des lettres A-Z, des chiffres 0-9 et - _ . :");
            assertThat(page.select("#kind-error").text()).startsWith("« " + HOSTILE + " » n'est pas un type accepté");
            assertThat(page.select("#phone-error").text()).isEqualTo("Le numéro de téléphone « abc » ne doit contenir que "
                    + "des chiffres (au plus 15; les espaces, tirets, points, parenthèses et + sont retirés).");
            assertThat(refused.body()).doesNotContain(HOSTILE);
            assertThat(server.enqueued()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void fileRefusalsColumnNoticesBillingTimesAndTheProblemsColumnAreInTheReadersLanguage(DatabaseKind kind)
            throws Exception {
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient operator = server.client().signedIn("operator", WebTestServer.PASSWORD);
            byte[] malformed = IntakeFiles.csv("IMEI,Kind,Company\n" + IntakeFiles.imei(1) + ",\"genx,42\n");
            byte[] wide = IntakeFiles.csv("IMEI,Kind,Company\n" + IntakeFiles.imei(1) + ",genx,42" + ",".repeat(254) + "x\n");

            byte[] longCell = IntakeFiles.csv("IMEI,Kind,Company\n" + IntakeFiles.imei(1) + "," + "k".repeat(40_000) + ",42\n");

            // the reason, its row, column and limit, and a reason inside the reason: all French, numbers grouped the French way
            operator.withHeader("Accept-Language", FRENCH);
            assertThat(refusal(operator, "empty.csv", new byte[0])).isEqualTo("empty.csv : Le fichier est vide.");
            assertThat(refusal(operator, "bad.csv", malformed))
                    .isEqualTo("bad.csv : Ligne 2 : le CSV est mal formé (un champ entre guillemets n'est jamais fermé).");
            assertThat(refusal(operator, "wide.csv", wide)).startsWith("wide.csv : Ligne 2, colonne IW (257) : le fichier a "
                    + "une valeur au-delà de la colonne IV; une feuille ne peut utiliser que les 256 premières colonnes.");
            assertThat(refusal(operator, "long.csv", longCell).replace('\u00a0', ' '))
                    .isEqualTo("long.csv : Ligne 2, colonne B (2) : la cellule contient plus de 32 767 caractères (la limite "
                            + "d'Excel pour une cellule). Vérifiez que le fichier est bien une liste d'appareils.");
            assertThat(refusal(operator, "old.xls", new byte[] {1, 2, 3}))
                    .startsWith("old.xls : Les anciens fichiers Excel 97-2003 (.xls) ne sont pas lus.");
            operator.withHeader("Accept-Language", "en-CA");
            assertThat(refusal(operator, "empty.csv", new byte[0])).isEqualTo("empty.csv: The file is empty.");
            assertThat(refusal(operator, "long.csv", longCell)).startsWith("long.csv: Row 2, column B (2): the cell holds "
                    + "more than 32,767 characters");
            assertThat(refusal(operator, "bad.csv", malformed))
                    .isEqualTo("bad.csv: Row 2: the CSV is malformed (a quoted field is never closed).");

            // the API: English, with the reason's key inside the file's text
            String token = server.services().tokens().issue(Actor.system(), server.user(Role.OPERATOR), "api").rawToken();
            HttpResponse<String> api = server.client().withHeader("Accept-Language", FRENCH).postFile("/api/v1/batches",
                    Optional.of(token), Map.of(), "empty.csv", new byte[0]);
            assertThat(api.statusCode()).as(api.body()).isEqualTo(422);
            JsonNode file = JSON.readTree(api.body());
            assertThat(file.get("fields").get("file").asText()).isEqualTo("empty.csv: The file is empty.");
            assertThat(file.get("fieldTexts").get("file").get("messageArgs").get(1).asText()).isEqualTo("The file is empty.");

            // a column notice, and a known device's billing start in UTC written the reader's way
            DeviceSeeds.queued(server, Map.of(IntakeFiles.imei(2), 42));
            DeviceSeeds.provisioned(server, Instant.parse("2026-11-20T14:03:00Z"), IntakeFiles.imei(2));
            operator.withHeader("Accept-Language", FRENCH);
            HttpResponse<String> upload = operator.postFile("/batches/new", Optional.empty(), Map.of(), "devices.csv",
                    IntakeFiles.csv("IMEI,Kind,Company,Notes\n" + IntakeFiles.imei(1) + ",genx,42,x\n"
                            + IntakeFiles.imei(2) + ",genx,42,\n" + "12 34,genx,42,\n"));
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(303);
            String preview = upload.headers().firstValue("Location").orElseThrow();
            long batchId = Long.parseLong(preview.replaceAll("\\D+", " ").trim().split(" ")[0]);
            assertThat(Jsoup.parse(operator.get(preview).body()).select(".notices").text())
                    .isEqualTo("La colonne « Notes » n'est pas utilisée (nom inconnu).");
            assertThat(Jsoup.parse(operator.get(preview).body()).text())
                    .contains("Déjà provisionné : facturation commencée le 20 nov. 2026 14 h 03 UTC (lot ");
            operator.withHeader("Accept-Language", "en-CA");
            assertThat(Jsoup.parse(operator.get(preview).body()).select(".notices").text())
                    .isEqualTo("Column \"Notes\" is not used (unknown name).");
            assertThat(Jsoup.parse(operator.get(preview).body()).text())
                    .contains("Already provisioned: billing started Nov 20, 2026, 2:03 PM UTC (batch ");

            // the problems column is named in the downloader's language, and read back from either language's file
            operator.withHeader("Accept-Language", FRENCH);
            String frenchCsv = download(operator, batchId);
            assertThat(frenchCsv.lines().findFirst().orElseThrow()).isEqualTo("\uFEFFIMEI,Kind,Company,Notes,Problèmes");
            operator.withHeader("Accept-Language", "en-CA");
            assertThat(download(operator, batchId).lines().findFirst().orElseThrow())
                    .isEqualTo("\uFEFFIMEI,Kind,Company,Notes,Problems");
            HttpResponse<String> again = operator.postFile("/batches/new", Optional.empty(), Map.of(), "problems.csv",
                    frenchCsv.getBytes(StandardCharsets.UTF_8));
            assertThat(again.statusCode()).as(again.body()).isEqualTo(303);
            long againId = Long.parseLong(again.headers().firstValue("Location").orElseThrow()
                    .replaceAll("\\D+", " ").trim().split(" ")[0]);
            assertThat(server.services().intake().batch(againId).header()).containsExactly("IMEI", "Kind", "Company", "Notes");
            assertThat(server.services().intake().batch(againId).noticeTexts())
                    .containsExactly(Text.of("intake.notice.unknown", "Notes"));
        }
    }

    private static String refusal(TestClient client, String name, byte[] content) {
        HttpResponse<String> response = client.postFile("/batches/new", Optional.empty(), Map.of(), name, content);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        return Jsoup.parse(response.body()).select("#upload-error").text();
    }

    private static String download(TestClient client, long batchId) {
        HttpResponse<byte[]> csv = client.download("/batches/" + batchId + "/problems.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        return new String(csv.body(), StandardCharsets.UTF_8);
    }
}
