package com.fleetprovisioner.core.intake;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A file a person uploaded, already on local disk (streamed there, never held in memory).
 *
 * @param columns the columns a person chose; none: a mapping remembered for the layout, else the header's names
 * @param remember keep the chosen columns for the next file with this header layout
 */
public record Upload(Path file, String fileName, IntakeDefaults defaults, Batch.Source source,
        Optional<ColumnChoice> columns, boolean remember) {

    public Upload(Path file, String fileName, IntakeDefaults defaults, Batch.Source source) {
        this(file, fileName, defaults, source, Optional.empty(), false);
    }
}
