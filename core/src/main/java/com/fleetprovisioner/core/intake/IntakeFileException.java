package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.ValidationException;
import java.util.Map;

/**
 * The file as a whole cannot be taken: wrong format, too big, no header... The reason is a {@link Text} (its own
 * key, with the row, column or limit as arguments) shown in the reader's language beside the file's name; the
 * exception's message says the same in English for the log. A {@link ValidationException} on the field {@code file}, so web
 * and API answer 422 with it.
 */
public final class IntakeFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The field of a refusal that a column mapping would overcome (the web then shows the mapping step). */
    public static final String COLUMNS = "columns";

    /** The columns could not be told from the header: a column mapping would let the file in. */
    private final boolean needsMapping;
    /** Why, for the person: a message key with its arguments (the message, in English, is for the log). */
    private final transient Text reason;

    /** @param message the reason in English, for the log */
    public IntakeFileException(Text reason, String message) {
        this(reason, message, false);
    }

    public IntakeFileException(Text reason, String message, boolean needsMapping) {
        super(message);
        this.reason = reason;
        this.needsMapping = needsMapping;
    }

    public IntakeFileException(Text reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.needsMapping = false;
    }

    public Text reason() {
        return reason;
    }

    public ValidationException asValidation(String fileName) {
        Text file = Text.of("intake.error.file", fileName, reason);
        return needsMapping ? new ValidationException(Map.of("file", file, COLUMNS, Text.of("intake.error.columns", ColumnChoice.EXAMPLE)))
                : new ValidationException(Map.of("file", file));
    }
}
