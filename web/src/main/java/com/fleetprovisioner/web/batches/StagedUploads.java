package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.intake.IntakeDefaults;
import com.fleetprovisioner.core.intake.Upload;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Uploads kept on local disk for the column mapping step (and to change the mapping from the preview):
 * each in its own folder named by a random token, readable only by the user who uploaded it, and deleted
 * after {@link #KEPT} (swept at every upload and look-up, so an expired one is never used). Nothing is
 * sent anywhere from here.
 */
final class StagedUploads {
    static final Duration KEPT = Duration.ofHours(1);
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    record Staged(String token, Path file, String fileName, IntakeDefaults defaults) {
    }

    private final Path root;
    private final Clock clock;

    StagedUploads(Clock clock) {
        this.clock = clock;
        try {
            this.root = Files.createTempDirectory("fp-staged-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Staged stage(Upload upload, long userId) {
        sweep();
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Path folder = root.resolve(token);
        Properties meta = new Properties();
        meta.setProperty("user", String.valueOf(userId));
        meta.setProperty("fileName", upload.fileName());
        upload.defaults().company().ifPresent(c -> meta.setProperty("defaultCompany", String.valueOf(c)));
        upload.defaults().kind().ifPresent(k -> meta.setProperty("defaultKind", k));
        try {
            Files.createDirectory(folder);
            Files.copy(upload.file(), folder.resolve("file.bin"), StandardCopyOption.REPLACE_EXISTING);
            try (OutputStream out = Files.newOutputStream(folder.resolve("meta.properties"))) {
                meta.store(out, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Staged(token, folder.resolve("file.bin"), upload.fileName(), upload.defaults());
    }

    /** The upload behind a token, if it is still kept and was this user's. */
    Optional<Staged> find(String token, long userId) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        sweep();
        Path folder = root.resolve(token);
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve("meta.properties"))) {
            meta.load(in);
        } catch (IOException gone) {
            return Optional.empty();
        }
        if (!String.valueOf(userId).equals(meta.getProperty("user")) || !Files.exists(folder.resolve("file.bin"))) {
            return Optional.empty();
        }
        IntakeDefaults defaults = new IntakeDefaults(Optional.ofNullable(meta.getProperty("defaultCompany")).map(Long::valueOf),
                Optional.ofNullable(meta.getProperty("defaultKind")));
        return Optional.of(new Staged(token, folder.resolve("file.bin"), meta.getProperty("fileName"), defaults));
    }

    private void sweep() {
        long oldest = clock.millis() - KEPT.toMillis();
        try (Stream<Path> folders = Files.list(root)) {
            folders.filter(f -> {
                try {
                    return Files.getLastModifiedTime(f).toMillis() < oldest;
                } catch (IOException gone) {
                    return false;
                }
            }).forEach(StagedUploads::deleteFolder);
        } catch (IOException ignored) {
            // the next upload sweeps again
        }
    }

    private static void deleteFolder(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(folder);
        } catch (IOException ignored) {
            // swept later
        }
    }
}
