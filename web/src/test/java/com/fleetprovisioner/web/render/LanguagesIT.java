package com.fleetprovisioner.web.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.core.audit.AuditEntry;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.web.testing.TestClient;
import com.fleetprovisioner.web.testing.WebTestServer;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The reader's language over HTTP, on H2 and PostgreSQL: the browser's Accept-Language, the user's
 * own choice over it, flashes in the language of the page that shows them, hostile choices refused.
 */
class LanguagesIT {
    private static final String FRENCH_DASHBOARD = Messages.text(Messages.FRENCH, "nav.dashboard");
    private static final String ENGLISH_DASHBOARD = Messages.text("nav.dashboard");

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theBrowsersLanguageThenTheUsersOwnChoiceDecideTheLanguage(DatabaseKind kind) {
        try (WebTestServer server = WebTestServer.start(kind)) {
            assertThat(FRENCH_DASHBOARD).isNotEqualTo(ENGLISH_DASHBOARD);
            TestClient anonymous = server.client();
            for (String french : new String[] {"fr-CA", "fr", "fr-FR,en;q=0.5", "en;q=0.2, fr-CA;q=0.9"}) {
                assertThat(anonymous.getWithLanguage("/login", french).body()).as(french)
                        .contains("<html lang=\"fr-CA\"", Messages.text(Messages.FRENCH, "login.submit"));
            }
            for (String other : new String[] {"en-US", "de-DE", "*", "", "fr-CA;q=x", "!!!,;;;=", "x".repeat(5000)}) {
                HttpResponse<String> page = anonymous.getWithLanguage("/login", other);
                assertThat(page.statusCode()).as(other).isEqualTo(200);
                assertThat(page.body()).as(other).contains("<html lang=\"en\"", Messages.text("login.submit"));
            }

            TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
            assertThat(viewer.getWithLanguage("/", "fr-CA").body()).contains(FRENCH_DASHBOARD);
            assertThat(viewer.get("/").body()).contains("<html lang=\"en\"", ENGLISH_DASHBOARD);

            // French chosen with an English browser: French pages, and the flash of the form that chose it
            HttpResponse<String> chosen = viewer.postFormWithCsrf("/account/language", Map.of("language", "fr-CA"));
            assertThat(chosen.statusCode()).isEqualTo(303);
            String account = viewer.getWithLanguage("/account", "en-US").body();
            assertThat(account).contains("<html lang=\"fr-CA\"", Messages.text(Messages.FRENCH, "account.language.saved"),
                    "<option value=\"fr-CA\" lang=\"fr-CA\" selected=\"selected\"");
            assertThat(server.services().languages().of(server.user(Role.VIEWER).id())).contains("fr-CA");
            assertThat(viewer.get("/").body()).contains("<html lang=\"fr-CA\"", FRENCH_DASHBOARD);

            // English chosen with a French browser
            viewer.postFormWithCsrf("/account/language", Map.of("language", "en"));
            assertThat(viewer.getWithLanguage("/", "fr-CA").body()).contains("<html lang=\"en\"", ENGLISH_DASHBOARD);

            // automatic again: the browser decides
            viewer.postFormWithCsrf("/account/language", Map.of("language", ""));
            assertThat(server.services().languages().of(server.user(Role.VIEWER).id())).isEmpty();
            assertThat(viewer.getWithLanguage("/", "fr").body()).contains(FRENCH_DASHBOARD);

            assertThat(server.services().audit().recent(10)).filteredOn(e -> e.action().equals("account.language"))
                    .extracting(AuditEntry::details).containsExactly("automatic", "en", "fr-CA");
            // another user's choice is theirs alone
            assertThat(server.client().signedIn("operator", WebTestServer.PASSWORD).getWithLanguage("/", "en").body())
                    .contains(ENGLISH_DASHBOARD);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aLanguageThereIsNoTextForIsRefusedAndNothingChanges(DatabaseKind kind) {
        try (WebTestServer server = WebTestServer.start(kind)) {
            TestClient viewer = server.client().signedIn("viewer", WebTestServer.PASSWORD);
            viewer.postFormWithCsrf("/account/language", Map.of("language", "fr-CA"));
            for (String hostile : new String[] {"de", "FR-ca", "fr-CA\u0000", "fr-CA\n", "<script>", "x".repeat(100_000),
                    "en\u202e"}) {
                HttpResponse<String> refused = viewer.postFormWithCsrf("/account/language", Map.of("language", hostile));
                assertThat(refused.statusCode()).as(hostile.substring(0, Math.min(10, hostile.length()))).isEqualTo(422);
                assertThat(refused.body()).contains("id=\"account-language-error\"",
                        Messages.text(Messages.FRENCH, "account.error.language")).doesNotContain("<script>");
            }
            assertThat(server.services().languages().of(server.user(Role.VIEWER).id())).isEqualTo(Optional.of("fr-CA"));
            // without the form's CSRF token nothing is stored
            assertThat(viewer.postForm("/account/language", Map.of("language", "en")).statusCode()).isEqualTo(403);
            assertThat(server.services().languages().of(server.user(Role.VIEWER).id())).contains("fr-CA");
            // a forged flash cookie naming no message shows nothing rather than failing the page
            TestClient forged = server.client().signedIn("operator", WebTestServer.PASSWORD)
                    .withCookie("fp_flash", "no.such.key%1Fs%3Cb%3E");
            HttpResponse<String> page = forged.get("/");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).doesNotContain("no.such.key", "class=\"flash\"");
            // nor one whose arguments its message cannot format (a text where a number belongs)
            HttpResponse<String> unformattable = server.client().signedIn("operator", WebTestServer.PASSWORD)
                    .withCookie("fp_flash", "error.busy.message%1Fsmany").get("/");
            assertThat(unformattable.statusCode()).isEqualTo(200);
            assertThat(unformattable.body()).doesNotContain("class=\"flash\"");
            // nor a number too large to write ("1e999999999" would be a billion digits)
            HttpResponse<String> huge = server.client().signedIn("operator", WebTestServer.PASSWORD)
                    .withCookie("fp_flash", "error.busy.message%1Fs1e999999999").get("/");
            assertThat(huge.statusCode()).isEqualTo(200);
            assertThat(huge.body()).doesNotContain("class=\"flash\"");
            // a number written as a string of digits (a core text's argument) is still shown
            HttpResponse<String> digits = server.client().signedIn("operator", WebTestServer.PASSWORD)
                    .withCookie("fp_flash", "error.busy.message%1Fs3").get("/");
            assertThat(digits.body()).contains("Try again in 3 seconds.");
        }
    }
}
