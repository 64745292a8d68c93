package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.ValidationException;
import java.util.Map;

/**
 * The file as a whole cannot be taken: wrong format, too big, no header... The message names the file
 * and, where there is one, the row. A {@link ValidationException} on the field {@code file}, so web
 * and API answer 422 with it.
 */
public final class IntakeFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public IntakeFileException(String message) {
        super(message);
    }

    public IntakeFileException(String message, Throwable cause) {
        super(message, cause);
    }

    public ValidationException asValidation(String fileName) {
        return new ValidationException(Map.of("file", fileName + ": " + getMessage()));
    }
}
