package com.fleetprovisioner.web.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * Fails on user-visible text that is not in the messages files: text in templates that Thymeleaf
 * would not replace, and string literals the controllers hand to a flash, an error answer or a text
 * lookup that are not message keys. A text in a template that a {@code th:text}, {@code th:utext},
 * {@code th:replace} or {@code th:insert} replaces is only a designer's placeholder and never shown.
 */
class HardCodedTextTest {
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Path SOURCES = Path.of("src/main/java");
    /** The modules that write texts people read later (device events): as message keys, never sentences. */
    private static final List<Path> TEXT_WRITERS = List.of(Path.of("../core/src/main/java"), Path.of("../db/src/main/java"));
    /** Where a core {@code Text} is made: its key must be a message key, its arguments no English sentence. */
    private static final Pattern TEXT_MADE = Pattern.compile("\\b(Text\\.of|new Text|Text\\.verbatim)\\(");
    /** Where an input is refused: the field, then its message key ({@code invalid}: a file's own shorthand). */
    private static final Pattern REFUSAL = Pattern.compile("\\b(ValidationException\\.of|(?<![.\\w])invalid)\\(");
    /**
     * Where a finding on an upload's row is made: the field and column (for a cell's finding), then its message key.
     * A key chosen in a variable is written elsewhere as a literal: every {@code "intake.row.…"} literal is checked.
     */
    private static final Pattern ROW_MESSAGE = Pattern.compile("\\bRowMessage\\.(error|warning|rowError|rowWarning)\\(");
    private static final Pattern ROW_KEY = Pattern.compile("\"(intake\\.row\\.[^\"]*)\"");
    /** Every module whose refusals reach a person: core's services, web's controllers and API. */
    private static final List<Path> REFUSERS = List.of(Path.of("../core/src/main/java"), Path.of("../db/src/main/java"),
            SOURCES);
    /** A state-like value compared with a string literal in an expression: the page record should say it. */
    private static final Pattern STATE_COMPARED = Pattern.compile(
            "\\b(state|status|filter|scope|role|kind)\\b[\\w().]*\\s*[=!]=\\s*'[^']*'");
    /** A key chosen by a value: {@code "state." + id()}, a family of keys (a state's label), at least one of them ours. */
    private static final Pattern KEY_FAMILY = Pattern.compile("\"([a-z][A-Za-z0-9_.]*\\.)\"\\s*\\+.*");
    /** A key named by a constant: {@code KEY} in {@code Text.of(KEY)}, looked up as {@code KEY = "…"}. */
    private static final Pattern CONSTANT = Pattern.compile("[A-Z][A-Z0-9_]*");

    /**
     * Words that are the same in every language, so need no key: the vendor's product name, the
     * device identifier's acronym and file formats. Symbols, digits and punctuation pass on their own.
     */
    private static final Set<String> SAME_IN_EVERY_LANGUAGE = Set.of("Fleet Freedom", "IMEI", "CSV", "XLSX");
    /** Attributes a person reads or hears: tooltips, placeholders, alternative text, labels for assistive tech. */
    private static final Set<String> READ_ATTRIBUTES = Set.of("title", "placeholder", "alt", "aria-label");
    private static final Set<String> REPLACING = Set.of("th:text", "th:utext", "th:replace", "th:insert");
    /** The calls whose string arguments reach a person: each must be a message key. */
    private static final Pattern TEXT_CALL = Pattern.compile(
            "\\b(flash\\.set|errors\\.forbidden|errors\\.unauthorized|errors\\.notFound|"
                    + "(?<![.\\w])respond|(?<![.\\w])forbidden|(?<![.\\w])unauthorized|(?<![.\\w])notFound|"
                    + "renderer\\.text|Messages\\.text|new ErrorPage|applyAndRedirect|(?<![.\\w])act|(?<![.\\w])back"
                    + "|(?<![.\\w])confirmed|BadRequestResponse)\\(");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    /** A field name, an id or a key's prefix: a program's word, not a person's. */
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][A-Za-z0-9_.\\-]*");
    private static final Pattern EXPRESSION = Pattern.compile("\\[\\[.*?]]|\\[\\(.*?\\)]");

    @Test
    void templatesShowOnlyTextFromTheMessagesFiles() {
        List<String> offenders = new ArrayList<>();
        for (Path template : files(TEMPLATES, ".html")) {
            Document document = Jsoup.parse(read(template), "", Parser.htmlParser());
            for (Element element : document.getAllElements()) {
                offenders.addAll(offenders(TEMPLATES.relativize(template).toString(), element));
            }
        }
        assertThat(offenders).as("text in templates that is not in messages.properties").isEmpty();
    }

    @Test
    void controllersHandOnlyMessageKeysToFlashesAndErrorAnswers() {
        assertThat(scan(List.of(SOURCES), ".java", HardCodedTextTest::javaOffenders))
                .as("English literals where a message key belongs").isEmpty();
    }

    @Test
    void theCoreAndDbWriteDeviceEventsAsMessageKeysNotSentences() {
        List<String> offenders = new ArrayList<>();
        int made = 0;
        for (Path root : TEXT_WRITERS) {
            for (Path source : files(root, ".java")) {
                if (source.endsWith(Path.of("core/common/Text.java"))
                        || source.endsWith(Path.of("core/common/ValidationException.java"))
                        || source.endsWith(Path.of("core/common/NotFoundException.java"))
                        || source.endsWith(Path.of("core/intake/RowMessage.java"))
                        || source.endsWith(Path.of("db/batch/RowJson.java"))) {
                    continue; // the types themselves, building texts from the keys they are given (or stored)
                }
                String code = read(source);
                made += TEXT_MADE.matcher(code).results().count();
                offenders.addAll(textOffenders(root.relativize(source).toString(), code));
            }
        }
        assertThat(made).as("the event producers were found (the scan looks where they are)").isGreaterThan(20);
        assertThat(offenders).as("texts written as sentences where a message key belongs").isEmpty();
    }

    @Test
    void templatesDecideOnBooleansNotOnStatesSpelledAsStrings() {
        assertThat(scan(List.of(TEMPLATES), ".html", HardCodedTextTest::stringComparisons))
                .as("a state, status, filter, scope or role compared with a string in a template").isEmpty();
        assertThat(stringComparisons("sample.html", "<p th:if=\"${row.status == 'warning'}\">"
                + "<a th:if=\"${page.filter != 'all'}\"></a><i th:if=\"${s.scope().name() == 'START'}\"></i>"
                + "<b th:if=\"${row.acknowledgeable}\"></b><input th:checked=\"${page.values.get('tls') == 'true'}\">"))
                .as("the check catches what it is there for").hasSize(3);
    }

    @Test
    void refusalsCarryMessageKeysNotSentences() {
        assertThat(calls(REFUSAL)).as("the refusals were found (the scan looks where they are)").isGreaterThan(50);
        assertThat(scan(REFUSERS, ".java", HardCodedTextTest::refusalOffenders))
                .as("validation messages written as sentences where a message key belongs").isEmpty();
    }

    @Test
    void rowFindingsCarryMessageKeysNotSentences() {
        assertThat(calls(ROW_MESSAGE)).as("the row findings were found (the scan looks where they are)").isGreaterThan(20);
        assertThat(scan(REFUSERS, ".java", HardCodedTextTest::rowMessageOffenders))
                .as("row findings written as sentences where a message key belongs").isEmpty();
    }

    /** How many times {@code call} is made in the modules whose refusals and findings reach a person. */
    private static long calls(Pattern call) {
        return REFUSERS.stream().flatMap(root -> files(root, ".java").stream())
                .mapToLong(source -> call.matcher(read(source)).results().count()).sum();
    }

    /** The test itself must catch what it is there to catch. */
    @Test
    void theChecksCatchHardCodedText() {
        Document page = Jsoup.parse("<main><h1>Batches</h1><p th:text=\"#{x}\">placeholder</p>"
                + "<button title=\"Stop it\" th:text=\"#{stop}\">Stop</button><span>IMEI · 3</span>"
                + "<input type=\"submit\" value=\"Go on\"><button value=\"true\">→</button><a th:attr=\"aria-label=#{k}\" aria-label=\"Fine\">→</a></main>",
                "", Parser.htmlParser());
        List<String> found = new ArrayList<>();
        page.getAllElements().forEach(e -> found.addAll(offenders("sample.html", e)));
        assertThat(found).containsExactlyInAnyOrder("sample.html <h1>: Batches", "sample.html <button title>: Stop it",
                "sample.html <input value>: Go on");
        assertThat(javaOffenders("Sample.java", """
                flash.set(ctx, "Token revoked.");
                flash.set(ctx, "tokens.flash.revoked");
                errors.forbidden(ctx, "Your role (" + role + ") may not do this");
                respond(ctx, 404, "error.notFound", id, "error.notFound.path", ctx.path());
                flash.text(ctx, e.fieldErrors().get("file"));
                throw new BadRequestResponse("This page link is damaged.");
                throw new BadRequestResponse("batches.error.cursor");
                """)).containsExactly("Sample.java: \"Token revoked.\"", "Sample.java: \"Your role (\"",
                "Sample.java: \") may not do this\"", "Sample.java: \"This page link is damaged.\"");
        assertThat(textOffenders("Core.java", """
                private static final String SUBMITTED = "event.text.submitted";
                private static final String GONE = "Gone from Fleet Freedom";
                event(device, DeviceEvent.Type.RECONCILED, null, Text.of("Absent from Fleet Freedom"));
                event(device, DeviceEvent.Type.RECONCILED, null, Text.of("event.text.absent"));
                event(device, DeviceEvent.Type.LEASE_TAKEN, null, Text.of("event.text.leased", n, "by the worker " + w));
                Text.of(SUBMITTED); Text.of(GONE); Text.of(key); Text.verbatim("Hello there"); Text.of("event.text.nope");
                Text.of("batchState." + id()); Text.of("nothing.like.it." + id());
                """)).containsExactly("Core.java: key \"Absent from Fleet Freedom\"",
                "Core.java: \"by the worker \"", "Core.java: key GONE", "Core.java: key key",
                "Core.java: \"Hello there\"", "Core.java: key \"event.text.nope\"",
                "Core.java: key \"nothing.like.it.\" + id()");
        assertThat(refusalOffenders("Refuse.java", """
                throw ValidationException.of("id", "A device id is a number");
                throw ValidationException.of("id", "api.error.deviceId");
                throw ValidationException.of("batch", refusalKey, batchId, "in " + state);
                throw ValidationException.of("run", "reconcile.error.nope");
                throw invalid("The mapping part could not be read.");
                throw invalid("mapping.error.field", shorten(column), IGNORE);
                private static ValidationException invalid(String key, Object... args) {
                """)).containsExactly("Refuse.java: key \"A device id is a number\"", "Refuse.java: \"in \"",
                "Refuse.java: key \"reconcile.error.nope\"", "Refuse.java: key \"The mapping part could not be read.\"");
        assertThat(rowMessageOffenders("Rows.java", """
                messages.add(RowMessage.error(DeviceField.ID, column, "The id is missing."));
                messages.add(RowMessage.error(DeviceField.ID, column, "intake.row.id.missing"));
                messages.add(RowMessage.warning(field, name, "intake.row.formula", note.detail()));
                messages.add(RowMessage.warning(field, name, "intake.row.formula", "last value " + note.detail()));
                RowMessage.rowError("Same id as row " + first + "; only row " + first + " is kept.");
                RowMessage.rowWarning("intake.row.duplicate", first); RowMessage.rowError(text);
                String key = space ? "intake.row.id.space" : "intake.row.id.nope";
                messages.add(RowMessage.error(DeviceField.ID, column, key, others));
                """)).containsExactly("Rows.java: key \"The id is missing.\"", "Rows.java: \"last value \"",
                "Rows.java: key \"Same id as row \" + first + \"; only row \" + first + \" is kept.\"",
                "Rows.java: key \"intake.row.id.nope\"");
    }

    /** A row finding's key (after field and column for a cell's) must be a message key, its arguments no sentence. */
    private static List<String> rowMessageOffenders(String file, String source) {
        List<String> found = keyedOffenders(file, source, ROW_MESSAGE, call -> call.startsWith("row") ? 0 : 2);
        ROW_KEY.matcher(source).results().map(m -> m.group(1)).filter(key -> !Messages.has(key))
                .filter(key -> !found.contains(file + ": key \"" + key + "\""))
                .forEach(key -> found.add(file + ": key \"" + key + "\""));
        return found;
    }

    /**
     * A refusal's key (after the field; an {@code invalid} shorthand's first argument) must be a message key when
     * it is written there, and no argument an English sentence. A key passed in a variable is checked where the
     * literal is written (a method's declaration, {@code invalid(String key…)}, is no refusal).
     */
    private static List<String> refusalOffenders(String file, String source) {
        return keyedOffenders(file, source, REFUSAL, call -> call.equals("invalid") ? 0 : 1);
    }

    /**
     * Each {@code calls} match's key (the argument at {@code keyAt} of the matched name) must be a message key when
     * written there as a literal; no later argument an English sentence. Declarations ({@code String key…}) are skipped.
     */
    private static List<String> keyedOffenders(String file, String source, Pattern calls, ToIntFunction<String> keyAt) {
        List<String> found = new ArrayList<>();
        Matcher call = calls.matcher(source);
        while (call.find()) {
            String arguments = arguments(source, call.end());
            if (arguments.startsWith("String ") || arguments.contains(", String ")) {
                continue;
            }
            int at = keyAt.applyAsInt(call.group(1));
            List<String> parts = List.of(arguments.split(",", at + 2));
            String key = parts.size() > at ? parts.get(at).strip() : "";
            if (key.startsWith("\"") && !Messages.has(key.substring(1, key.length() - 1))) {
                found.add(file + ": key " + key);
            }
            String rest = parts.size() > at + 1 ? String.join(",", parts.subList(at + 1, parts.size())) : "";
            Matcher literal = LITERAL.matcher(rest);
            while (literal.find()) {
                String value = literal.group(1);
                if (value.chars().anyMatch(Character::isLetter) && !IDENTIFIER.matcher(value).matches()) {
                    found.add(file + ": \"" + value + "\"");
                }
            }
        }
        return found;
    }

    /**
     * A core text's first argument must name a message key (a literal or a constant holding one); a verbatim
     * text is for rows stored before keys, never made from a literal; no argument is an English sentence.
     */
    private static List<String> textOffenders(String file, String source) {
        List<String> found = new ArrayList<>();
        Matcher call = TEXT_MADE.matcher(source);
        while (call.find()) {
            String arguments = arguments(source, call.end());
            boolean verbatim = call.group(1).equals("Text.verbatim");
            String first = arguments.split(",", 2)[0].strip();
            Matcher literal = LITERAL.matcher(arguments);
            Matcher family = KEY_FAMILY.matcher(first);
            if (!verbatim && family.matches()) {
                if (Messages.all().stringPropertyNames().stream().noneMatch(k -> k.startsWith(family.group(1)))) {
                    found.add(file + ": key " + first);
                }
                literal.find();
            } else if (!verbatim) {
                String key = first.startsWith("\"") ? first.substring(1, first.length() - 1) : constant(source, first);
                if (key == null || !Messages.has(key)) {
                    found.add(file + ": key " + first);
                }
                if (first.startsWith("\"")) {
                    literal.find();
                }
            }
            while (literal.find()) {
                String value = literal.group(1);
                if (value.chars().anyMatch(Character::isLetter) && !Messages.has(value)
                        && !IDENTIFIER.matcher(value).matches()) {
                    found.add(file + ": \"" + value + "\"");
                }
            }
        }
        return found;
    }

    private static List<String> stringComparisons(String file, String template) {
        return STATE_COMPARED.matcher(template).results().map(m -> file + ": " + m.group()).toList();
    }

    private static String constant(String source, String name) {
        if (!CONSTANT.matcher(name).matches()) {
            return null;
        }
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*\"([^\"]*)\"").matcher(source);
        return m.find() ? m.group(1) : null;
    }

    private static List<String> offenders(String file, Element element) {
        List<String> found = new ArrayList<>();
        if (element.tagName().equals("script") || element.tagName().equals("style")) {
            return found;
        }
        for (TextNode text : element.textNodes()) {
            if (!replaced(element) && readable(text.text()) && !replacedByAncestor(element)) {
                found.add(file + " <" + element.tagName() + ">: " + text.text().strip());
            }
        }
        for (Attribute attribute : element.attributes()) {
            // a <button>'s value is sent, not shown (its content is); an input button shows its value
            boolean read = READ_ATTRIBUTES.contains(attribute.getKey()) || attribute.getKey().equals("value")
                    && element.tagName().equals("input") && element.attr("type").matches("submit|button|reset");
            if (read && readable(attribute.getValue()) && !replacedAttribute(element, attribute.getKey())
                    && !replacedByAncestor(element)) {
                found.add(file + " <" + element.tagName() + " " + attribute.getKey() + ">: " + attribute.getValue());
            }
        }
        return found;
    }

    private static List<String> javaOffenders(String file, String source) {
        List<String> found = new ArrayList<>();
        Matcher call = TEXT_CALL.matcher(source);
        while (call.find()) {
            Matcher literal = LITERAL.matcher(arguments(source, call.end()));
            while (literal.find()) {
                String value = literal.group(1);
                if (value.chars().anyMatch(Character::isLetter) && !Messages.has(value) && !keyPrefix(value)
                        && !IDENTIFIER.matcher(value).matches()) {
                    found.add(file + ": \"" + value + "\"");
                }
            }
        }
        return found;
    }

    /** The text up to the call's closing parenthesis (strings and nested calls skipped over). */
    private static String arguments(String source, int start) {
        int depth = 1;
        boolean inString = false;
        for (int i = start; i < source.length(); i++) {
            char c = source.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return source.substring(start, i);
            }
        }
        return source.substring(start);
    }

    private static boolean keyPrefix(String value) {
        return value.endsWith(".") && Messages.all().stringPropertyNames().stream().anyMatch(k -> k.startsWith(value));
    }

    /** Whether a person would read it: letters left after Thymeleaf's inline expressions and the allow-list. */
    private static boolean readable(String text) {
        String left = EXPRESSION.matcher(text).replaceAll(" ");
        for (String word : SAME_IN_EVERY_LANGUAGE) {
            left = left.replace(word, " ");
        }
        return left.codePoints().anyMatch(Character::isLetter);
    }

    private static boolean replaced(Element element) {
        return REPLACING.stream().anyMatch(element::hasAttr) || "all".equals(element.attr("th:remove"));
    }

    private static boolean replacedByAncestor(Element element) {
        return element.parents().stream().anyMatch(p -> REPLACING.stream().filter(a -> !a.equals("th:replace"))
                .anyMatch(p::hasAttr) || p.hasAttr("th:replace") && !p.tagName().equals("html"));
    }

    private static boolean replacedAttribute(Element element, String name) {
        return element.hasAttr("th:" + name) || Pattern.compile("(^|[,\\s])" + Pattern.quote(name) + "\\s*=")
                .matcher(element.attr("th:attr")).find();
    }

    /** Every file under the roots checked by {@code check} (given its path below its root and its text). */
    private static List<String> scan(List<Path> roots, String suffix, BiFunction<String, String, List<String>> check) {
        List<String> offenders = new ArrayList<>();
        for (Path root : roots) {
            for (Path source : files(root, suffix)) {
                offenders.addAll(check.apply(root.relativize(source).toString(), read(source)));
            }
        }
        return offenders;
    }

    private static List<Path> files(Path root, String suffix) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
