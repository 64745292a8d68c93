package com.fleetprovisioner.core.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks one row on its own (duplicates and known devices are the batch's business). Every cell is
 * normalised before any rule; each finding names its column.
 */
public final class RowValidator {
    public static final int MAX_PASSWORD = 50;
    public static final int MAX_NAME = 100;
    public static final int MAX_PHONE_DIGITS = 15;
    /** What {@code \\s} (ASCII whitespace) and the typed separators cover. */
    private static final String PHONE_FORMATTING = " \t\n\u000B\f\r()-./+";
    /** Control characters other than tab and line breaks (which a spreadsheet cell may hold): never typed, only damage. */
    static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F]");

    private final IntakeDefaults defaults;
    private final Set<Long> companies;

    public RowValidator(IntakeDefaults defaults, Set<Long> companies) {
        this.defaults = defaults;
        this.companies = Set.copyOf(companies);
    }

    public IntakeRow check(SheetRow row, HeaderMapping header) {
        List<RowMessage> messages = new ArrayList<>();
        noteProblems(row, header, messages);
        boolean idUnreadable = messages.stream().anyMatch(m -> m.field().equals(Optional.of(DeviceField.ID))
                && m.severity() == RowMessage.Severity.ERROR);
        DeviceValues values = new DeviceValues(
                idUnreadable ? Optional.empty() : id(cell(row, header, DeviceField.ID), header.columnName(DeviceField.ID), messages),
                kind(cell(row, header, DeviceField.KIND), header.columnName(DeviceField.KIND), messages),
                company(cell(row, header, DeviceField.COMPANY), header.columnName(DeviceField.COMPANY), messages),
                phone(cell(row, header, DeviceField.PHONE), header.columnName(DeviceField.PHONE), messages),
                password(cell(row, header, DeviceField.PASSWORD), header.columnName(DeviceField.PASSWORD), messages),
                config(cell(row, header, DeviceField.CONFIG), header.columnName(DeviceField.CONFIG), messages),
                name(cell(row, header, DeviceField.NAME), header.columnName(DeviceField.NAME), messages));
        RowStatus status = messages.stream().anyMatch(m -> m.severity() == RowMessage.Severity.ERROR) ? RowStatus.ERROR
                : messages.isEmpty() ? RowStatus.VALID : RowStatus.WARNING;
        return new IntakeRow(row.rowNumber(), row.cells(), values, status, messages, Optional.empty());
    }

    /** Normalised, without the apostrophe a spreadsheet puts before text that would read as a formula ('=…). */
    private static String cell(SheetRow row, HeaderMapping header, DeviceField field) {
        String value = Ids.normalize(header.value(row, field));
        boolean formulaGuard = value.length() > 1 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0;
        return formulaGuard ? value.substring(1) : value;
    }

    /** What the reader saw in the cells: formulas, numbers Excel already rounded, error values. */
    private static void noteProblems(SheetRow row, HeaderMapping header, List<RowMessage> messages) {
        for (DeviceField field : DeviceField.values()) {
            Optional<Integer> column = header.column(field);
            SheetRow.CellNote note = column.map(c -> row.notes().get(c)).orElse(null);
            if (note == null) {
                continue;
            }
            String name = header.columnName(field);
            boolean number = field == DeviceField.ID || field == DeviceField.PHONE;
            switch (note.kind()) {
                case FORMULA -> messages.add(RowMessage.warning(field, name, "intake.row.formula", note.detail()));
                case ERROR_VALUE -> messages.add(RowMessage.error(field, name, "intake.row.excelError", note.detail()));
                case ABSURD_NUMBER -> messages.add(RowMessage.error(field, name, "intake.row.absurdNumber", note.detail()));
                case SCIENTIFIC_NOTATION -> {
                    if (number) {
                        messages.add(RowMessage.error(field, name, "intake.row.scientific", note.detail()));
                    }
                }
                case ROUNDED_NUMBER -> {
                    if (number) {
                        messages.add(RowMessage.error(field, name, "intake.row.rounded", note.detail()));
                    }
                }
                default -> { }
            }
        }
    }

    private static Optional<String> id(String id, String column, List<RowMessage> messages) {
        if (id.isEmpty()) {
            messages.add(RowMessage.error(DeviceField.ID, column, "intake.row.id.missing"));
            return Optional.empty();
        }
        if (!allowedId(id)) {
            messages.add(badCharacters(id, column));
            return Optional.empty();
        }
        if (id.length() < Ids.MIN_LENGTH || id.length() > Ids.MAX_LENGTH) {
            messages.add(RowMessage.error(DeviceField.ID, column, "intake.row.id.length", id.length(), Ids.MIN_LENGTH,
                    Ids.MAX_LENGTH));
            return Optional.empty();
        }
        if (id.length() == 15 && digits(id) && !Ids.imeiCheckDigitValid(id)) {
            messages.add(RowMessage.warning(DeviceField.ID, column, "intake.row.id.checkDigit",
                    Ids.luhnCheckDigit(id.substring(0, 14))));
        } else if (id.length() < Ids.RECOMMENDED_MIN_LENGTH) {
            messages.add(RowMessage.warning(DeviceField.ID, column, "intake.row.id.short", id.length(),
                    Ids.RECOMMENDED_MIN_LENGTH));
        }
        return Optional.of(id);
    }

    private Optional<String> kind(String typed, String column, List<RowMessage> messages) {
        if (typed.isEmpty()) {
            if (defaults.kind().isPresent()) {
                return defaults.kind();
            }
            messages.add(RowMessage.error(DeviceField.KIND, column, "intake.row.kind.missing"));
            return Optional.empty();
        }
        Optional<String> kind = DeviceKinds.canonical(typed);
        if (kind.isEmpty()) {
            messages.add(RowMessage.error(DeviceField.KIND, column, "intake.row.kind.unknown", shorten(typed),
                    String.join(", ", DeviceKinds.ACTIVE)));
        }
        return kind;
    }

    private Optional<Long> company(String typed, String column, List<RowMessage> messages) {
        if (typed.isEmpty()) {
            if (defaults.company().isEmpty()) {
                messages.add(RowMessage.error(DeviceField.COMPANY, column, "intake.row.company.missing"));
            }
            return defaults.company();
        }
        if (!digits(typed) || typed.length() > 18) {
            messages.add(RowMessage.error(DeviceField.COMPANY, column, "intake.row.company.notNumber", shorten(typed)));
            return Optional.empty();
        }
        long company = Long.parseLong(typed);
        if (!companies.contains(company)) {
            messages.add(companies.isEmpty()
                    ? RowMessage.error(DeviceField.COMPANY, column, "intake.row.company.noneYours", company)
                    : RowMessage.error(DeviceField.COMPANY, column, "intake.row.company.notYours", company, known()));
            return Optional.empty();
        }
        return Optional.of(company);
    }

    private static Optional<String> phone(String typed, String column, List<RowMessage> messages) {
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        String digits = withoutPhoneFormatting(typed);
        if (!digits(digits) || digits.length() > MAX_PHONE_DIGITS) {
            messages.add(RowMessage.error(DeviceField.PHONE, column, "intake.row.phone.invalid", shorten(typed),
                    MAX_PHONE_DIGITS));
            return Optional.empty();
        }
        return Optional.of(digits);
    }

    private static Optional<String> password(String typed, String column, List<RowMessage> messages) {
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        if (typed.length() > MAX_PASSWORD) {
            // never echo the password itself
            messages.add(RowMessage.error(DeviceField.PASSWORD, column, "intake.row.password.long", typed.length(),
                    MAX_PASSWORD));
            return Optional.empty();
        }
        if (hasControl(typed) && CONTROL.matcher(typed).find()) {
            messages.add(RowMessage.error(DeviceField.PASSWORD, column, "intake.row.password.control"));
            return Optional.empty();
        }
        return Optional.of(typed);
    }

    private static Optional<Long> config(String typed, String column, List<RowMessage> messages) {
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        if (!digits(typed) || typed.length() > 18) {
            messages.add(RowMessage.error(DeviceField.CONFIG, column, "intake.row.config.notNumber", shorten(typed)));
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(typed));
    }

    private static Optional<String> name(String typed, String column, List<RowMessage> messages) {
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        if (typed.length() > MAX_NAME) {
            messages.add(RowMessage.error(DeviceField.NAME, column, "intake.row.name.long", typed.length(), MAX_NAME));
            return Optional.empty();
        }
        var control = hasControl(typed) ? CONTROL.matcher(typed) : null;
        if (control != null && control.find()) {
            messages.add(RowMessage.error(DeviceField.NAME, column, "intake.row.name.control",
                    codePoint(control.group().charAt(0)), control.start() + 1));
            return Optional.empty();
        }
        return Optional.of(typed);
    }

    /**
     * One or more of the digits {@code \\d} matches (ASCII only). Loops instead of regular expressions:
     * every cell of every row passes here, and the matchers were most of the validation's allocations.
     */
    static boolean digits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@link Ids#ALLOWED} ({@code [A-Za-z0-9._:-]+}) as a loop: a matcher per row for every id. */
    static boolean allowedId(String id) {
        if (id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_'
                    || c == ':' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@link #CONTROL} can find anything: the same ranges, without a matcher for every clean cell. */
    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x1F && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F) {
                return true;
            }
        }
        return false;
    }

    /** The number without what people type between digits: whitespace, brackets, - . / and + (as {@code [\\s()\\-./+]}). */
    static String withoutPhoneFormatting(String typed) {
        StringBuilder digits = new StringBuilder(typed.length());
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (PHONE_FORMATTING.indexOf(c) < 0) {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    private String known() {
        TreeSet<Long> sorted = new TreeSet<>(companies);
        String list = String.join(", ", sorted.stream().limit(10).map(String::valueOf).toList());
        return sorted.size() > 10 ? list + ", …" : list;
    }

    /**
     * The characters Fleet Freedom refuses in an id (up to three), quoted as typed; a space is named in words by its
     * own message (first, whatever its place), since a quoted space is hard to see.
     */
    private static RowMessage badCharacters(String id, String column) {
        boolean space = id.codePoints().anyMatch(Character::isWhitespace);
        String others = id.codePoints().filter(cp -> !Character.isWhitespace(cp) && !allowedId(Character.toString(cp)))
                .mapToObj(cp -> "\"" + Character.toString(cp) + "\"").distinct().limit(space ? 2 : 3)
                .reduce((a, b) -> a + ", " + b).orElse("");
        String key = !space ? "intake.row.id.characters" : others.isEmpty() ? "intake.row.id.space" : "intake.row.id.spaceAnd";
        return RowMessage.error(DeviceField.ID, column, key, others);
    }

    /** A character as Unicode names it, e.g. U+0007: the same in every language. */
    private static String codePoint(char c) {
        return String.format(java.util.Locale.ROOT, "U+%04X", (int) c);
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
