package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.common.ValidationException;
import java.util.Map;

/**
 * The file as a whole cannot be taken: wrong format, too big, no header... The message names the file
 * and, where there is one, the row. A {@link ValidationException} on the field {@code file}, so web
 * and API answer 422 with it.
 */
public final class IntakeFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The field of a refusal that a column mapping would overcome (the web then shows the mapping step). */
    public static final String COLUMNS = "columns";

    /** The columns could not be told from the header: a column mapping would let the file in. */
    private final boolean needsMapping;

    public IntakeFileException(String message) {
        this(message, false);
    }

    public IntakeFileException(String message, boolean needsMapping) {
        super(message);
        this.needsMapping = needsMapping;
    }

    public IntakeFileException(String message, Throwable cause) {
        super(message, cause);
        this.needsMapping = false;
    }

    public ValidationException asValidation(String fileName) {
        // the reason is still an English sentence: a key of its own per reason is the next step
        Text file = Text.of("intake.error.file", fileName, getMessage());
        return needsMapping ? new ValidationException(Map.of("file", file, COLUMNS, Text.of("intake.error.columns", ColumnChoice.EXAMPLE)))
                : new ValidationException(Map.of("file", file));
    }
}
