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
                case FORMULA -> messages.add(RowMessage.warning(field, name,
                        "The cell holds a formula; its last calculated value \"" + note.detail() + "\" was used."));
                case ERROR_VALUE -> messages.add(RowMessage.error(field, name,
                        "The cell shows the Excel error " + note.detail() + "."));
                case ABSURD_NUMBER -> messages.add(RowMessage.error(field, name, "The cell holds the number "
                        + note.detail() + ", which no spreadsheet can store (at most 15 significant digits up to 1E+308): "
                        + "the file is damaged or was not saved by a spreadsheet. Enter the value again as text."));
                case SCIENTIFIC_NOTATION -> {
                    if (number) {
                        messages.add(RowMessage.error(field, name, "The value is in scientific notation (" + note.detail()
                                + "): Excel has rounded it and the real digits are lost. Format the column as Text, "
                                + "enter the values again and save."));
                    }
                }
                case ROUNDED_NUMBER -> {
                    if (number) {
                        messages.add(RowMessage.error(field, name, "Excel has already rounded this value (" + note.detail()
                                + "): the real digits are lost. Format the column as Text, enter the values again and save."));
                    }
                }
                default -> { }
            }
        }
    }

    private static Optional<String> id(String id, String column, List<RowMessage> messages) {
        if (id.isEmpty()) {
            messages.add(RowMessage.error(DeviceField.ID, column, "The id is missing."));
            return Optional.empty();
        }
        if (!allowedId(id)) {
            String bad = id.codePoints().filter(cp -> !Ids.ALLOWED.matcher(Character.toString(cp)).matches())
                    .mapToObj(cp -> Character.isWhitespace(cp) ? "a space" : "\"" + Character.toString(cp) + "\"")
                    .distinct().limit(3).reduce((a, b) -> a + ", " + b).orElse("");
            messages.add(RowMessage.error(DeviceField.ID, column, "The id contains " + bad + "; Fleet Freedom ids may hold "
                    + Ids.ALLOWED_DESCRIPTION + " only."));
            return Optional.empty();
        }
        if (id.length() < Ids.MIN_LENGTH || id.length() > Ids.MAX_LENGTH) {
            messages.add(RowMessage.error(DeviceField.ID, column, "The id has " + id.length() + " characters; Fleet Freedom "
                    + "needs " + Ids.MIN_LENGTH + " to " + Ids.MAX_LENGTH + "."));
            return Optional.empty();
        }
        if (id.length() == 15 && digits(id) && !Ids.imeiCheckDigitValid(id)) {
            messages.add(RowMessage.warning(DeviceField.ID, column, "This 15-digit IMEI's check digit is wrong (expected "
                    + Ids.luhnCheckDigit(id.substring(0, 14)) + " at the end): check for a typing error."));
        } else if (id.length() < Ids.RECOMMENDED_MIN_LENGTH) {
            messages.add(RowMessage.warning(DeviceField.ID, column, "The id has " + id.length() + " characters; "
                    + "Fleet Freedom's documentation expects at least " + Ids.RECOMMENDED_MIN_LENGTH + "."));
        }
        return Optional.of(id);
    }

    private Optional<String> kind(String typed, String column, List<RowMessage> messages) {
        if (typed.isEmpty()) {
            if (defaults.kind().isPresent()) {
                return defaults.kind();
            }
            messages.add(RowMessage.error(DeviceField.KIND, column, "The kind is missing (and the upload has no default kind)."));
            return Optional.empty();
        }
        Optional<String> kind = DeviceKinds.canonical(typed);
        if (kind.isEmpty()) {
            messages.add(RowMessage.error(DeviceField.KIND, column, "\"" + shorten(typed) + "\" is not a kind Fleet Freedom "
                    + "accepts; use one of " + String.join(", ", DeviceKinds.ACTIVE) + "."));
        }
        return kind;
    }

    private Optional<Long> company(String typed, String column, List<RowMessage> messages) {
        if (typed.isEmpty()) {
            if (defaults.company().isEmpty()) {
                messages.add(RowMessage.error(DeviceField.COMPANY, column,
                        "The company is missing (and the upload has no default company)."));
            }
            return defaults.company();
        }
        if (!digits(typed) || typed.length() > 18) {
            messages.add(RowMessage.error(DeviceField.COMPANY, column, "The company must be a Fleet Freedom company "
                    + "number, not \"" + shorten(typed) + "\"."));
            return Optional.empty();
        }
        long company = Long.parseLong(typed);
        if (!companies.contains(company)) {
            messages.add(RowMessage.error(DeviceField.COMPANY, column, "Company " + company + " is not one of your "
                    + "companies in Fleet Freedom (yours: " + known() + ")."));
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
            messages.add(RowMessage.error(DeviceField.PHONE, column, "The phone number \"" + shorten(typed)
                    + "\" must be digits only (at most " + MAX_PHONE_DIGITS + "; spaces, dashes, dots, brackets and + are removed)."));
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
            messages.add(RowMessage.error(DeviceField.PASSWORD, column, "The password has " + typed.length()
                    + " characters; Fleet Freedom allows at most " + MAX_PASSWORD + "."));
            return Optional.empty();
        }
        if (hasControl(typed) && CONTROL.matcher(typed).find()) {
            messages.add(RowMessage.error(DeviceField.PASSWORD, column, "The password contains a control character "
                    + "(an invisible code such as U+0007), which a device cannot be given."));
            return Optional.empty();
        }
        return Optional.of(typed);
    }

    private static Optional<Long> config(String typed, String column, List<RowMessage> messages) {
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        if (!digits(typed) || typed.length() > 18) {
            messages.add(RowMessage.error(DeviceField.CONFIG, column, "The configuration must be a Fleet Freedom "
                    + "configuration number, not \"" + shorten(typed) + "\"."));
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(typed));
    }

    private static Optional<String> name(String typed, String column, List<RowMessage> messages) {
        if (typed.isEmpty()) {
            return Optional.empty();
        }
        if (typed.length() > MAX_NAME) {
            messages.add(RowMessage.error(DeviceField.NAME, column, "The name has " + typed.length()
                    + " characters; Fleet Freedom allows at most " + MAX_NAME + "."));
            return Optional.empty();
        }
        var control = hasControl(typed) ? CONTROL.matcher(typed) : null;
        if (control != null && control.find()) {
            messages.add(RowMessage.error(DeviceField.NAME, column, String.format(java.util.Locale.ROOT, "The name "
                    + "contains the control character U+%04X at position %d; remove it.", (int) control.group().charAt(0),
                    control.start() + 1)));
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
        return sorted.isEmpty() ? "none" : sorted.size() > 10 ? list + ", …" : list;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
