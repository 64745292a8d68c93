package com.fleetprovisioner.core.intake;

import java.nio.file.Path;

/** A file a person uploaded, already on local disk (streamed there, never held in memory). */
public record Upload(Path file, String fileName, IntakeDefaults defaults, Batch.Source source) {
}
