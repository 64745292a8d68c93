package com.fleetprovisioner.bench;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE_EVENT;

import com.fleetprovisioner.core.intake.DeviceKinds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * A year of a busy deployment: 1,000,000 devices in 2,000 batches of very different sizes (one of
 * 100,000 still in progress), ten kinds, 50 companies and 20 submitters with skewed shares, states as
 * a real run leaves them, and the event timeline of every device in 1 batch out of 20 and in the large
 * one. Deterministic (fixed seed): the same rows as the jOOQ-built seeder before it wrote, now through
 * prepared JDBC batches into the tables without their secondary indexes, which are built after the
 * load ({@link DeferredIndexes}).
 */
final class MillionDeviceSeeder {
    static final int DEVICES = 1_000_000;
    static final int BATCHES = 2_000;
    static final int LARGE_BATCH_SIZE = 100_000;
    /** The large batch is among the last ones, still being sent; the batches after it too. */
    static final int LARGE_BATCH_INDEX = BATCHES - 8;
    static final int COMPANIES = 50;
    static final long FIRST_COMPANY = 1001;
    private static final int CHUNK = 1000;
    private static final int IN_PROGRESS_FROM = LARGE_BATCH_INDEX;
    private static final Duration YEAR = Duration.ofDays(365);

    /** {@code seconds}: all of it; {@code indexSeconds}: the part spent building the indexes after the rows. */
    record Seeded(int devices, int batches, long events, double seconds, int indexes, double indexSeconds) {
    }

    private final DSLContext dsl;
    private final List<Long> submitters;
    private final Instant anchor;
    private final Random random = new Random(42);
    private long events;

    /** {@code submitters}: app_user ids, the first ones submit the most. {@code anchor}: "now" for the data. */
    MillionDeviceSeeder(DSLContext dsl, List<Long> submitters, Instant anchor) {
        this.dsl = dsl;
        this.submitters = submitters;
        this.anchor = anchor;
    }

    Seeded seed() {
        long start = System.nanoTime();
        int[] sizes = batchSizes();
        long deviceId = 1;
        DeferredIndexes deferred = DeferredIndexes.drop(dsl, "device", "device_event");
        for (int b = 0; b < BATCHES; b++) {
            long batchId = b + 1;
            Instant submitted = anchor.minus(YEAR).plus(YEAR.multipliedBy(b).dividedBy(BATCHES))
                    .plusSeconds(random.nextInt(3600));
            if (b == LARGE_BATCH_INDEX) {
                submitted = anchor.minus(Duration.ofHours(20));
            }
            long submitter = submitters.get(skewed(submitters.size()));
            long company = FIRST_COMPANY + skewed(COMPANIES);
            String kind = DeviceKinds.ACTIVE.get(skewed(DeviceKinds.ACTIVE.size()));
            boolean inProgress = b >= IN_PROGRESS_FROM;
            insertBatch(batchId, submitter, submitted, company, kind, sizes[b], inProgress);
            boolean withEvents = b % 20 == 0 || b == LARGE_BATCH_INDEX;
            deviceId = insertDevices(new BatchPlan(batchId, submitter, submitted, company, kind, inProgress, withEvents),
                    deviceId, sizes[b]);
            if (b % 100 == 99) {
                System.out.printf("  seeded %,d batches, %,d devices, %,d events (%.0f s)%n", b + 1, deviceId - 1,
                        events, (System.nanoTime() - start) / 1e9);
            }
        }
        // rows were written with explicit ids: later inserts must start after them
        dsl.execute("ALTER TABLE batch ALTER COLUMN id RESTART WITH " + (BATCHES + 1));
        dsl.execute("ALTER TABLE device ALTER COLUMN id RESTART WITH " + deviceId);
        long indexing = System.nanoTime();
        int indexes = deferred.rebuild();
        long end = System.nanoTime();
        return new Seeded((int) (deviceId - 1), BATCHES, events, (end - start) / 1e9, indexes, (end - indexing) / 1e9);
    }

    /** One batch of 100,000, one of 3 devices, the rest drawn from an exponential spread summing to 1,000,000. */
    private int[] batchSizes() {
        double[] raw = new double[BATCHES];
        double sum = 0;
        for (int i = 0; i < BATCHES; i++) {
            raw[i] = -Math.log(1 - random.nextDouble());
            sum += raw[i];
        }
        int[] sizes = new int[BATCHES];
        int rest = DEVICES - LARGE_BATCH_SIZE - 3;
        for (int i = 0; i < BATCHES; i++) {
            sizes[i] = Math.max(1, (int) (raw[i] / sum * rest));
        }
        sizes[0] = 3; // the small batch
        sizes[LARGE_BATCH_INDEX] = LARGE_BATCH_SIZE;
        sizes[1] += DEVICES - Arrays.stream(sizes).sum(); // rounding
        return sizes;
    }

    /** An index in [0, n) where low indexes are much more likely (a Zipf-like share). */
    private int skewed(int n) {
        double u = random.nextDouble();
        return Math.min(n - 1, (int) Math.floor(n * u * u * u));
    }

    private void insertBatch(long id, long submitter, Instant submitted, long company, String kind, int size,
            boolean inProgress) {
        dsl.insertInto(BATCH, BATCH.ID, BATCH.SOURCE, BATCH.STATE, BATCH.FILE_NAME, BATCH.DEFAULT_COMPANY,
                BATCH.DEFAULT_KIND, BATCH.CREATED_BY, BATCH.CREATED_AT, BATCH.SUBMITTED_BY, BATCH.SUBMITTED_AT,
                BATCH.ROWS_TOTAL, BATCH.ROWS_VALID, BATCH.DEVICES_QUEUED, BATCH.UPDATED_AT)
                .values(id, "upload", inProgress ? "submitted" : "completed", "devices-" + id + ".csv", company, kind,
                        submitter, submitted.minusSeconds(300), submitter, submitted, size, size, size, submitted)
                .execute();
    }

    record BatchPlan(long id, long submitter, Instant submitted, long company, String kind, boolean inProgress,
            boolean withEvents) {
    }

    private static final List<Field<?>> DEVICE_FIELDS = List.of(DEVICE.ID, DEVICE.PROVIDER_ID, DEVICE.KIND,
            DEVICE.COMPANY_ID, DEVICE.NAME, DEVICE.PHONE_NUMBER, DEVICE.BATCH_ID, DEVICE.BATCH_ROW, DEVICE.SUBMITTED_BY,
            DEVICE.SUBMITTED_AT, DEVICE.STATE, DEVICE.ATTEMPTS, DEVICE.NEXT_ATTEMPT_AT, DEVICE.LAST_ERROR_CODE,
            DEVICE.LAST_ERROR_MESSAGE, DEVICE.SENT_AT, DEVICE.RECEIVED_AT, DEVICE.BILLING_STARTED_AT, DEVICE.UPDATED_AT);

    private static final List<Field<?>> EVENT_FIELDS = List.of(DEVICE_EVENT.DEVICE_ID, DEVICE_EVENT.AT,
            DEVICE_EVENT.TYPE, DEVICE_EVENT.ATTEMPT, DEVICE_EVENT.ERROR_CODE, DEVICE_EVENT.MESSAGE, DEVICE_EVENT.WORKER);

    /**
     * Rows go through two prepared statements per table, rendered once — {@value #ROWS_PER_STATEMENT} rows
     * and one row — bound through JDBC and sent in JDBC batches, committed every {@value #CHUNK} devices.
     * jOOQ building, rendering and H2 parsing a fresh 1,000-row INSERT per chunk was most of the 23
     * minutes the seed took before.
     */
    private long insertDevices(BatchPlan batch, long firstId, int size) {
        long[] next = {firstId};
        dsl.connection(connection -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (RowWriter devices = new RowWriter(connection, "device", DEVICE_FIELDS);
                    RowWriter timeline = new RowWriter(connection, "device_event", EVENT_FIELDS)) {
                for (int from = 0; from < size; from += CHUNK) {
                    int count = Math.min(CHUNK, size - from);
                    List<List<Object>> eventRows = new ArrayList<>();
                    for (int i = 0; i < count; i++, next[0]++) {
                        List<Object> device = device(batch, next[0], from + i + 1);
                        devices.add(device);
                        if (batch.withEvents()) {
                            eventRows.addAll(events(next[0], device));
                        }
                    }
                    devices.flush(); // the events refer to these devices
                    for (List<Object> event : eventRows) {
                        timeline.add(event);
                    }
                    timeline.flush();
                    connection.commit();
                    events += eventRows.size();
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        });
        return next[0];
    }

    private static final int ROWS_PER_STATEMENT = 100;

    /** Buffers rows and writes them {@value #ROWS_PER_STATEMENT} to a statement, the rest one by one. */
    private static final class RowWriter implements AutoCloseable {
        private final PreparedStatement many;
        private final PreparedStatement one;
        private final int columns;
        private final List<List<Object>> buffer = new ArrayList<>();

        RowWriter(Connection connection, String table, List<Field<?>> fields) throws SQLException {
            columns = fields.size();
            String names = fields.stream().map(Field::getName).collect(Collectors.joining(", "));
            String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
            String insert = "INSERT INTO " + table + " (" + names + ") VALUES ";
            many = connection.prepareStatement(insert + String.join(", ", Collections.nCopies(ROWS_PER_STATEMENT, row)));
            one = connection.prepareStatement(insert + row);
        }

        void add(List<Object> row) throws SQLException {
            buffer.add(row);
            if (buffer.size() == ROWS_PER_STATEMENT) {
                bind(many, buffer);
                many.addBatch();
                buffer.clear();
            }
        }

        void flush() throws SQLException {
            many.executeBatch();
            for (List<Object> row : buffer) {
                bind(one, List.of(row));
                one.addBatch();
            }
            one.executeBatch();
            buffer.clear();
        }

        private void bind(PreparedStatement statement, List<List<Object>> rows) throws SQLException {
            int p = 1;
            for (List<Object> row : rows) {
                for (int c = 0; c < columns; c++) {
                    Object value = row.get(c);
                    statement.setObject(p++, value instanceof Instant at ? at.atOffset(ZoneOffset.UTC) : value);
                }
            }
        }

        @Override
        public void close() throws SQLException {
            many.close();
            one.close();
        }
    }

    /** One device row, in the order of {@link #DEVICE_FIELDS}; sent about 20 a second after submission. */
    private List<Object> device(BatchPlan batch, long id, int row) {
        String kind = random.nextInt(10) < 8 ? batch.kind() : DeviceKinds.ACTIVE.get(random.nextInt(DeviceKinds.ACTIVE.size()));
        long company = random.nextInt(10) < 8 ? batch.company() : FIRST_COMPANY + skewed(COMPANIES);
        String state = state(batch.inProgress());
        Instant sent = batch.submitted().plusMillis(row * 50L);
        Instant received = sent.plusMillis(200 + random.nextInt(400));
        boolean provisioned = state.equals("provisioned");
        boolean failed = state.equals("failed") || state.equals("needs_review");
        boolean waiting = state.equals("queued");
        Instant updated = waiting ? batch.submitted() : received;
        return Arrays.asList(id, providerId(id), kind, company, "Unit " + id, "+1555" + String.format("%07d", id % 10_000_000),
                batch.id(), row, batch.submitter(), batch.submitted(), state,
                waiting ? 0 : failed ? 3 : state.equals("retrying") ? 2 : 1,
                state.equals("retrying") ? anchor.plusSeconds(120) : null,
                failed ? 104 : null, failed ? "The server refused the device (simulated)" : null,
                waiting ? null : sent, waiting || state.equals("sending") ? null : received,
                provisioned ? received : null, updated);
    }

    private String state(boolean inProgress) {
        int p = random.nextInt(1000);
        if (inProgress) {
            return p < 550 ? "provisioned" : p < 570 ? "failed" : p < 580 ? "needs_review" : p < 600 ? "retrying"
                    : p < 610 ? "sending" : "queued";
        }
        return p < 955 ? "provisioned" : p < 985 ? "failed" : p < 995 ? "needs_review" : "cancelled";
    }

    /** A 15-digit IMEI-like id, scattered so that prefixes cut across batches (a bijection of the id). */
    static String providerId(long id) {
        long scattered = Math.floorMod(id * 2_654_435_761L, 10_000_000_000_000L);
        return "35" + String.format("%013d", scattered);
    }

    /** The timeline the worker writes, in the order of {@link #EVENT_FIELDS}. */
    private List<List<Object>> events(long id, List<Object> device) {
        String state = (String) device.get(10);
        Instant submitted = (Instant) device.get(9);
        Instant sent = (Instant) device.get(15);
        Instant received = (Instant) device.get(16);
        List<List<Object>> out = new ArrayList<>();
        out.add(Arrays.asList(id, submitted, "queued", null, null, "Queued from the batch", null));
        if (sent == null) {
            return out;
        }
        out.add(Arrays.asList(id, sent.minusMillis(5), "lease_taken", 1, null, "Lease taken", "worker-1"));
        out.add(Arrays.asList(id, sent, "sent", 1, null, "mergeProvider sent", "worker-1"));
        if (received != null) {
            String type = switch (state) {
                case "provisioned" -> "provisioned";
                case "failed" -> "failed";
                case "needs_review" -> "needs_review";
                case "cancelled" -> "cancelled";
                default -> "retry_scheduled";
            };
            out.add(Arrays.asList(id, received, type, 1, type.equals("provisioned") ? null : 104,
                    type.equals("provisioned") ? "Provisioned" : "Refused by the server (simulated)", "worker-1"));
        }
        return out;
    }
}
