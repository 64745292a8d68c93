package com.fleetprovisioner.web.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fleetprovisioner.core.intake.ProblemsExport;
import com.nulabinc.zxcvbn.Feedback;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.ChoiceFormat;
import java.text.Format;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * messages_fr_CA.properties says everything messages.properties says, with the same arguments, and both format as
 * the pages and {@link Messages#text} format it: every value with an apostrophe or a brace goes through
 * {@link MessageFormat} (Thymeleaf's StandardMessageResolver does so even without arguments), so an
 * apostrophe is written {@code ''}.
 */
class FrenchCanadaMessagesTest {
    private static final String ENGLISH_FILE = "messages.properties";
    private static final String FRENCH_FILE = "messages_fr_CA.properties";
    private static final Properties ENGLISH = load(ENGLISH_FILE);
    private static final Properties FRENCH = load(FRENCH_FILE);
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    /** The same in French: names, formats and words French shares with English. */
    private static final Set<String> SAME_ON_PURPOSE = Set.of(
            "app.name", "settings.section.fleetFreedom", // product names
            "intake.template.xlsx", "intake.template.csv", "notify.webhooks.url", // file formats, URL
            "layout.message", "device.event.message", "intake.preview.messages", // Message(s)
            "nav.menu", "layout.version", "apidocs.version", "device.config", "device.event.code",
            "users.actions", "audit.action", "batches.drafts.actions", "notify.actions", // Action(s)
            "history.pages", "intake.preview.pages", "billing.pages", // Pages
            "nav.notifications", "notify.title", "notify.heading", // Notifications
            "notify.webhooks.heading", "notify.channel.webhook", // webhook, as the team says it
            "apidocs.type", "apidocs.description",
            "account.language.en", "account.language.fr-CA", // a language chooser names each in its own language
            "verbatim", "audit.action.example", // a core text shown as is; an audit action code
            "device.error.answer", "time.utc", "history.lastErrorCoded"); // Fleet Freedom's own words; UTC; "code"

    /** Argument sets each value is formatted with: ordinary, edge and absurd numbers for the choice formats. */
    private static final List<Object[]> ARGUMENT_SETS = List.of(
            arguments(0L), arguments(1L), arguments(2L), arguments(1234567L), arguments(-1L),
            arguments(Long.MAX_VALUE), arguments(Double.NaN));

    @Test
    void theFrenchFileHasTheSameKeysInTheSameOrder() {
        assertThat(keysInFileOrder(FRENCH_FILE)).isEqualTo(keysInFileOrder(ENGLISH_FILE));
        assertThat(FRENCH.stringPropertyNames()).isEqualTo(ENGLISH.stringPropertyNames());
    }

    @Test
    void everyValueTakesTheSameArgumentsWithTheSameFormats() {
        for (String key : ENGLISH.stringPropertyNames()) {
            String english = ENGLISH.getProperty(key);
            String french = FRENCH.getProperty(key);
            assertThat(argumentIndexes(french)).as(key).isEqualTo(argumentIndexes(english));
            assertThat(formatKinds(french)).as(key).isEqualTo(formatKinds(english));
        }
    }

    @Test
    void everyFrenchValueIsTranslatedExceptThoseKeptOnPurpose() {
        Set<String> same = new TreeSet<>();
        for (String key : ENGLISH.stringPropertyNames()) {
            assertThat(FRENCH.getProperty(key)).as(key).isNotBlank();
            if (FRENCH.getProperty(key).equals(ENGLISH.getProperty(key))) {
                same.add(key);
            }
        }
        assertThat(same).isEqualTo(new TreeSet<>(SAME_ON_PURPOSE));
        assertThat(same.size()).isLessThanOrEqualTo(ENGLISH.size() / 10);
    }

    @Test
    void aProblemsDownloadInEitherLanguageIsRecognisedWhenUploadedAgain() {
        Set<String> named = new TreeSet<>();
        for (Properties messages : List.of(ENGLISH, FRENCH)) {
            named.add(messages.getProperty("intake.problems.header").toLowerCase(Locale.ROOT));
        }
        assertThat(named).isEqualTo(new TreeSet<>(ProblemsExport.PROBLEMS_HEADERS));
    }

    @Test
    void everyWarningOfThePasswordCheckerHasAMessageInBothLanguages() throws IllegalAccessException {
        List<String> warnings = new ArrayList<>();
        for (Field field : Feedback.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && ((String) field.get(null)).contains(".warning.")) {
                warnings.add((String) field.get(null));
            }
        }
        assertThat(warnings).as("zxcvbn's warnings were found").hasSizeGreaterThan(10);
        for (String warning : warnings) {
            String key = "password.warning." + warning.replaceFirst("^feedback\\.", "").replace("warning.", "");
            assertThat(ENGLISH.getProperty(key)).as(key).isNotBlank();
            assertThat(FRENCH.getProperty(key)).as(key).isNotBlank();
        }
    }

    @Test
    void everyFrenchValueFormatsWithoutLosingAnApostropheOrAnArgument() {
        formatsWithoutLosingAnApostropheOrAnArgument(FRENCH, Locale.CANADA_FRENCH);
    }

    @Test
    void everyEnglishValueFormatsWithoutLosingAnApostropheOrAnArgument() {
        formatsWithoutLosingAnApostropheOrAnArgument(ENGLISH, Locale.ENGLISH);
    }

    private static void formatsWithoutLosingAnApostropheOrAnArgument(Properties messages, Locale locale) {
        for (String key : messages.stringPropertyNames()) {
            String value = messages.getProperty(key);
            // a lone ' starts a quoted part: the apostrophe vanishes and a {0} after it is shown as is
            assertThat(value.replace("''", "")).as(key).doesNotContain("'");
            // the same text with typographic apostrophes, which MessageFormat leaves alone; a choice branch
            // holding an argument is parsed twice, so there an apostrophe would have to be written ''''
            String typographic = value.replace("''''", "\u2019").replace("''", "\u2019");
            for (Object[] arguments : ARGUMENT_SETS) {
                assertThatCode(() -> new MessageFormat(value, locale).format(arguments)).as(key)
                        .doesNotThrowAnyException();
                String shown = new MessageFormat(value, locale).format(arguments);
                assertThat(shown.replace('\'', '\u2019')).as(key)
                        .isEqualTo(new MessageFormat(typographic, locale).format(arguments));
                assertThat(shown).as(key).doesNotContain("{", "}");
            }
        }
    }

    @Test
    void theFrenchFileIsUtf8AndJavasResourceBundleReadsItAsTheProjectDoes() throws IOException {
        byte[] bytes;
        try (InputStream in = resource(FRENCH_FILE)) {
            bytes = in.readAllBytes();
        }
        // PropertyResourceBundle silently falls back to ISO-8859-1 on a malformed file: refuse one here
        assertThatCode(() -> StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)))
                .doesNotThrowAnyException();
        assertThat(FRENCH.getProperty("state.needs_review")).isEqualTo("À vérifier");
        ResourceBundle bundle = ResourceBundle.getBundle("messages", Locale.CANADA_FRENCH,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        assertThat(bundle.getLocale()).isEqualTo(Locale.CANADA_FRENCH);
        for (String key : FRENCH.stringPropertyNames()) {
            assertThat(bundle.getString(key)).as(key).isEqualTo(FRENCH.getProperty(key));
        }
    }

    private static Set<Integer> argumentIndexes(String pattern) {
        Set<Integer> indexes = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern);
        while (m.find()) {
            indexes.add(Integer.valueOf(m.group(1)));
        }
        return indexes;
    }

    /** Per argument of the outer pattern: plain, number, or choice with its limits (the plural branches). */
    private static List<String> formatKinds(String pattern) {
        List<String> kinds = new ArrayList<>();
        for (Format format : new MessageFormat(pattern, Locale.ROOT).getFormatsByArgumentIndex()) {
            kinds.add(format == null ? "plain"
                    : format instanceof ChoiceFormat choice ? "choice" + Arrays.toString(choice.getLimits())
                    : format instanceof NumberFormat ? "number"
                    : format.getClass().getSimpleName());
        }
        return kinds;
    }

    private static Object[] arguments(Object value) {
        Object[] arguments = new Object[10];
        Arrays.fill(arguments, value);
        return arguments;
    }

    private static List<String> keysInFileOrder(String file) {
        List<String> keys = new ArrayList<>();
        try (InputStream in = resource(file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    keys.add(line.substring(0, line.indexOf('=')));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** As {@link Messages} reads its file: {@link Properties} over a UTF-8 reader. */
    private static Properties load(String file) {
        Properties properties = new Properties();
        try (InputStream in = resource(file)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static InputStream resource(String file) {
        InputStream in = FrenchCanadaMessagesTest.class.getClassLoader().getResourceAsStream(file);
        assertThat(in).as(file).isNotNull();
        return in;
    }
}
