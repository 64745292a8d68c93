package com.fleetprovisioner.core.intake;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Streams the rows of one uploaded file, in order, without holding the file in memory. Every problem
 * with the file as a whole is an {@link IntakeFileException} whose message a person can act on.
 */
public interface SheetReader {
    void read(Path file, Consumer<SheetRow> rows);
}
