package com.fleetprovisioner.db.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The batch and batch_row tables are written only by {@code db.batch}: the other repositories that need
 * a batch to change (pause, cancel, the end's notification claim, a reconciliation's import) call it.
 * Reading them elsewhere is fine (pages, notifications, the pause check of a lease).
 */
class BatchTableOwnershipTest {
    private static final Path SOURCES = Path.of("src/main/java/com/fleetprovisioner/db");
    private static final Path OWNER = SOURCES.resolve("batch");

    /** jOOQ's writing entry points on the two tables, and the same in hand-written SQL. */
    static final Pattern WRITES = Pattern.compile(
            "(update|insertInto|deleteFrom|mergeInto)\\(\\s*BATCH(_ROW)?\\b"
                    + "|(?i)\\b(update|insert\\s+into|delete\\s+from|merge\\s+into)\\s+batch(_row)?\\b");

    @Test
    void onlyTheBatchPackageWritesTheBatchTables() throws IOException {
        List<String> writers;
        try (Stream<Path> files = Files.walk(SOURCES)) {
            writers = files.filter(f -> f.toString().endsWith(".java")).filter(f -> !f.startsWith(OWNER))
                    .filter(BatchTableOwnershipTest::writesBatch).map(f -> SOURCES.relativize(f).toString()).toList();
        }
        assertThat(writers).as("classes outside db.batch writing batch or batch_row").isEmpty();
    }

    @Test
    void thePatternFindsEveryFormOfWrite() {
        assertThat(Stream.of("dsl.update(BATCH).set(", "dsl.insertInto(BATCH_ROW, BATCH_ROW.ID)",
                "deleteFrom(BATCH)", "\"UPDATE batch SET paused = ?\"", "\"insert into batch_row values\"",
                "\"DELETE FROM batch WHERE id = ?\"")).allMatch(s -> WRITES.matcher(s).find());
        assertThat(Stream.of("dsl.update(DEVICE).set(DEVICE.BATCH_ID, 1)", "select(BATCH.ID).from(BATCH)",
                "\"UPDATE device SET batch_id = ?\"", "update(BATCH_SIZE)")).noneMatch(s -> WRITES.matcher(s).find());
    }

    private static boolean writesBatch(Path file) {
        try {
            return WRITES.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
