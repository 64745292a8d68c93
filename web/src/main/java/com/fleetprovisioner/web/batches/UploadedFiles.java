package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.common.ValidationException;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.ColumnChoice;
import com.fleetprovisioner.core.intake.IntakeDefaults;
import com.fleetprovisioner.core.intake.IntakeLimits;
import com.fleetprovisioner.core.intake.SheetFiles;
import com.fleetprovisioner.core.intake.Upload;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Multipart uploads streamed to a temporary file (never held in memory), handed to intake, and
 * deleted afterwards whatever happens.
 */
final class UploadedFiles {
    /** What a batch keeps of a file name (its column's width). */
    static final int MAX_NAME_LENGTH = 255;

    private final IntakeLimits limits;
    private final Supplier<Optional<Long>> settingsCompany;

    /** @param settingsCompany the default company from the settings, for requests that do not name one */
    UploadedFiles(IntakeLimits limits, Supplier<Optional<Long>> settingsCompany) {
        this.limits = limits;
        this.settingsCompany = settingsCompany;
    }

    <T> T withUpload(Context ctx, Batch.Source source, Function<Upload, T> work) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile("file");
        } catch (RuntimeException tooLargeOrMalformed) {
            throw unreadable(ctx);
        }
        if (file == null || file.filename() == null || file.filename().isBlank()) {
            throw ValidationException.of("file", "intake.error.noFile");
        }
        if (baseName(file.filename()).length() > MAX_NAME_LENGTH) {
            throw nameTooLong();
        }
        if (file.size() > limits.maxBytes()) {
            throw SheetFiles.tooLarge(file.size(), limits).asValidation(baseName(file.filename()));
        }
        IntakeDefaults defaults = new IntakeDefaults(defaultCompany(ctx), optional(ctx, "defaultKind"));
        Optional<ColumnChoice> columns = ColumnMappingPart.read(ctx);
        Path temp = null;
        try {
            temp = Files.createTempFile("fp-upload-", ".bin");
            copyLimited(file, temp);
            return work.apply(new Upload(temp, baseName(file.filename()), defaults, source, columns,
                    columns.isPresent() && "true".equals(ctx.formParam("rememberMapping"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // the temporary folder is cleaned by the system
                }
            }
        }
    }

    /**
     * Only a request larger than the limit is called too large: a smaller one that the multipart
     * parser refused had a part header it would not read, which in practice is a file name longer
     * than a header line may be (998 characters).
     */
    private ValidationException unreadable(Context ctx) {
        long length = ctx.contentLength();
        if (length >= 0 && length <= limits.maxBytes()) {
            return nameTooLong();
        }
        return ValidationException.of("file", "intake.error.uploadTooLarge", IntakeLimits.size(limits.maxBytes()));
    }

    private static ValidationException nameTooLong() {
        return ValidationException.of("file", "intake.error.nameTooLong", MAX_NAME_LENGTH);
    }

    /** Copies at most the limit plus one byte, whatever the part claimed: enough for intake to refuse it. */
    private void copyLimited(UploadedFile file, Path temp) throws IOException {
        try (InputStream in = file.content(); OutputStream out = Files.newOutputStream(temp)) {
            byte[] buffer = new byte[64 * 1024];
            long left = limits.maxBytes() + 1;
            for (int n = in.read(buffer, 0, (int) Math.min(buffer.length, left)); n > 0 && left > 0;
                    n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) {
                out.write(buffer, 0, n);
                left -= n;
            }
        }
    }

    /** Absent from the request: the settings' default; given empty: none. */
    private Optional<Long> defaultCompany(Context ctx) {
        if (ctx.formParam("defaultCompany") == null) {
            return settingsCompany.get();
        }
        Optional<String> raw = optional(ctx, "defaultCompany");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(raw.get()));
        } catch (NumberFormatException e) {
            throw ValidationException.of("defaultCompany", "intake.error.defaultCompany", raw.get());
        }
    }

    private static Optional<String> optional(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    /** Browsers on Windows may send a full path. */
    private static String baseName(String name) {
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return base.isBlank() ? "upload" : base;
    }
}
