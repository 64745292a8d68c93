package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.config.AppConfig;

/**
 * How big an upload may be. The inflated-size cap and ratio guard XLSX files (zip archives) against
 * zip bombs: a 20 MB workbook never legitimately inflates past a few hundred megabytes.
 */
public record IntakeLimits(long maxBytes, int maxRows, long maxInflatedBytes, double minInflateRatio) {

    public static IntakeLimits of(long maxBytes, int maxRows) {
        return new IntakeLimits(maxBytes, maxRows, Math.max(maxBytes * 20, 64L * 1024 * 1024), 0.01);
    }

    public static IntakeLimits from(AppConfig config) {
        return of(config.intakeMaxBytes(), config.intakeMaxRows());
    }

    public static IntakeLimits defaults() {
        return of(AppConfig.DEFAULT_INTAKE_MAX_BYTES, AppConfig.DEFAULT_INTAKE_MAX_ROWS);
    }

    /** A size for a message: {@code intake.size.mb} ("25.3 MB"), or {@code intake.size.bytes} below a megabyte. */
    public static Text sizeText(long bytes) {
        if (bytes < 1024 * 1024) {
            return Text.of("intake.size.bytes", bytes);
        }
        String megabytes = String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024.0));
        return Text.of("intake.size.mb", megabytes);
    }

    /** "20 MB", "25.3 MB", or "2,048 bytes" below a megabyte (in English, for the log). */
    public static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%,d bytes", bytes);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0)).replace(".0 MB", " MB");
    }
}
