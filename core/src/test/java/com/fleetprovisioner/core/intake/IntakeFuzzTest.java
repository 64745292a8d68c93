package com.fleetprovisioner.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated files: reading and validating them either works or ends in an
 * {@link IntakeFileException} with a message; never another exception, a hang or a leak of the
 * parser's internals. Seeded, so a failure reproduces; bounded, so it stays fast.
 */
class IntakeFuzzTest {
    /** Explore further with -Dfuzz.seed=N -Dfuzz.iterations=M; the build runs the fixed, fast default. */
    private static final long SEED = Long.getLong("fuzz.seed", 20261127L);
    private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 300);

    @TempDir
    Path dir;

    @Test
    void randomAndMutatedFilesGiveCleanErrorsOnly() {
        Random random = new Random(SEED);
        byte[] csv = ("IMEI;Kind;Company;Phone;Name\n356938035643809;genx;42;+44 7700;\"Van; 1\"\n"
                + "356938035643817;teltonika;43;;\"two\nlines\"\n").getBytes(StandardCharsets.UTF_8);
        byte[] xlsx = deterministic(SheetFixtures.xlsx(b -> {
            b.workbook().getProperties().getCoreProperties().setCreated(java.util.Optional.of(new java.util.Date(0)));
            b.row(0, "IMEI", "Kind", "Company");
            b.row(1, 356938035643809L, "genx", 42);
            b.row(2, "356938035643817", "calamp", 43);
        }));
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = switch (i % 3) {
                case 0 -> randomBytes(random);
                case 1 -> mutate(csv, random);
                default -> mutate(xlsx, random);
            };
            String name = "fuzz-" + i + (i % 3 == 2 ? ".xlsx" : ".csv");
            outcomes.add(readAndCheck(SheetFixtures.write(dir, name, input), i));
        }
        assertThat(outcomes).allSatisfy(o -> assertThat(o).matches("ok|clean: .+"));
        // the corpus exercises both ends: some files still read, most are refused cleanly
        assertThat(outcomes).contains("ok").anyMatch(o -> o.startsWith("clean: "));
    }

    private static String readAndCheck(Path file, int iteration) {
        try {
            List<SheetRow> rows = SheetFixtures.read(file, IntakeLimits.of(1024 * 1024, 1000));
            HeaderMapping header = rows.stream().map(HeaderMapping::tryHeader).flatMap(java.util.Optional::stream)
                    .findFirst().orElse(null);
            if (header != null) {
                RowValidator validator = new RowValidator(IntakeDefaults.none(), SheetFixtures.COMPANIES);
                rows.forEach(r -> validator.check(r, header));
            }
            return "ok";
        } catch (IntakeFileException e) {
            assertThat(e.getMessage()).as("iteration %d", iteration).isNotBlank().doesNotContain("Exception");
            return "clean: " + e.getMessage();
        }
    }

    /** The same bytes on every run (POI stamps entries with the current time), so the seed reproduces a failure. */
    private static byte[] deterministic(byte[] zip) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip));
                 var zipOut = new java.util.zip.ZipOutputStream(out)) {
                for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                    var copy = new java.util.zip.ZipEntry(entry.getName());
                    copy.setTime(0);
                    zipOut.putNextEntry(copy);
                    zipOut.write(in.readAllBytes());
                    zipOut.closeEntry();
                }
            }
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[random.nextInt(4096)];
        random.nextBytes(bytes);
        if (random.nextBoolean() && bytes.length > 4) {
            bytes[0] = 'P';
            bytes[1] = 'K';
            bytes[2] = 3;
            bytes[3] = 4;
        }
        return bytes;
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] = "\";,\t\n\r\"0".getBytes(StandardCharsets.UTF_8)[random.nextInt(8)];
                case 2 -> bytes = java.util.Arrays.copyOf(bytes, Math.max(1, at));
                default -> bytes[at] = 0;
            }
        }
        return bytes;
    }
}
