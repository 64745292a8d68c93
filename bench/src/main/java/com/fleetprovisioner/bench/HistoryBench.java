package com.fleetprovisioner.bench;

import static com.fleetprovisioner.db.jooq.Tables.BATCH;
import static com.fleetprovisioner.db.jooq.Tables.DEVICE;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.intake.CompanyDirectory;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.core.provisioning.NewDevice;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.device.DeviceCounters;
import com.fleetprovisioner.db.device.JooqDeviceIntake;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.web.WebServer;
import com.fleetprovisioner.web.WebServices;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The history and batch pages at 1,000,000 devices: seeds an H2 file database and/or an embedded
 * PostgreSQL once (kept in the data directory and reused by later runs), starts the real web server
 * over it in this JVM, signs in and times real GETs over loopback. Run with a stated -Xmx.
 *
 * <p>Arguments: {@code [h2|postgres|both] [data directory] [runs per case] [only the cases containing this]}.
 */
public final class HistoryBench {
    /** The pages measured never enqueue. */
    private static final com.fleetprovisioner.core.provisioning.ProvisioningQueue NO_QUEUE =
            new com.fleetprovisioner.core.provisioning.ProvisioningQueue() {
                @Override
                public void enqueue(java.util.Collection<Long> ids) {
                }

                @Override
                public void wake(java.util.Collection<Long> ids) {
                }
            };

    private static final String USER = "bench";
    private static final String PASSWORD = "bench-password-long";
    private static final int SUBMITTERS = 20;
    private static final int WARM_UPS = 10;
    /** H2's page cache while seeding, in KB; the bench runs at -Xmx512m. */
    private static final int SEED_CACHE_KB = 192 * 1024;
    /** Only the cases whose name contains this (all when empty): for profiling one page. */
    private static String only = "";

    private HistoryBench() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "both";
        Path dir = Path.of(args.length > 1 ? args[1] : "target/history-bench-data").toAbsolutePath();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        only = args.length > 3 ? args[3] : "";
        System.out.printf("max heap %d MB, %d runs per case after %d warm-ups, data in %s%n",
                Runtime.getRuntime().maxMemory() / (1024 * 1024), runs, WARM_UPS, dir);
        if (!which.equals("postgres")) {
            // H2 hands back a statement's previous result while no table changed; in production the pipeline
            // writes all the time, so the bench turns that off to measure the queries, not the cache
            run("H2", "jdbc:h2:file:" + dir.resolve("h2/fleet") + ";OPTIMIZE_REUSE_RESULTS=FALSE", "sa", dir, runs);
            Path small = dir.resolve("h2-small");
            deleteTree(small);
            smallDashboard("H2", "jdbc:h2:file:" + small.resolve("fleet") + ";OPTIMIZE_REUSE_RESULTS=FALSE", "sa", runs);
        }
        if (!which.equals("h2")) {
            Path data = dir.resolve("pg");
            Files.createDirectories(data);
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(data)
                    .setCleanDataDirectory(false).setPGStartupWait(Duration.ofMinutes(3)).start()) {
                run("PostgreSQL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", dir, runs);
                try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
                    statement.execute("DROP DATABASE IF EXISTS small");
                    statement.execute("CREATE DATABASE small");
                }
                smallDashboard("PostgreSQL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/small", "postgres", runs);
            }
        }
    }

    private static void run(String name, String url, String user, Path dir, int runs) {
        Map<String, String> env = Map.of("FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1", "FP_DB_URL", url,
                "FP_DB_USER", user);
        AppConfig config = AppConfig.from(env);
        try (Database database = Database.connect(url, user, "", config.dbPoolSize())) {
            database.migrate();
            JobStorage jobs = JobStorage.open(database);
            CompanyDirectory noCompanies = () -> {
                throw new CompanyDirectory.Unavailable(Text.of("intake.companies.noOwn"),
                        "not needed by the pages measured");
            };
            WebServices services = BenchWeb.services(config, database, jobs, noCompanies, NO_QUEUE);
            if (DatabaseFixture.dsl(database).fetchCount(DEVICE) < MillionDeviceSeeder.DEVICES) {
                seed(name, database, services);
            }
            WebServer server = WebServer.start(config, services, database, jobs,
                    () -> ConnectionReport.notHeld("simulator", "ws://127.0.0.1:0"), "bench");
            try {
                measure(name, database, new PageTimer(server.port()), runs);
            } finally {
                server.close();
                jobs.close();
            }
        }
    }

    private static void seed(String name, Database database, WebServices services) {
        if (DatabaseFixture.dsl(database).fetchCount(DEVICE) > 0) {
            throw new IllegalStateException(name + " holds a partly seeded database: delete the data directory");
        }
        services.users().create(Actor.system(), USER, Role.ADMIN, PASSWORD);
        List<Long> submitters = IntStream.rangeClosed(1, SUBMITTERS).mapToObj(i -> services.users()
                .create(Actor.system(), String.format("submitter%02d", i), Role.OPERATOR, PASSWORD).id()).toList();
        System.out.printf("%s: seeding %,d devices ...%n", name, MillionDeviceSeeder.DEVICES);
        Optional<String> cacheKb = name.equals("H2") ? h2CacheKb(database) : Optional.empty();
        // H2 keeps its page cache at 64 MB per GB of heap: the random provider ids and the twelve device
        // indexes then miss it on most inserts and spend a third of the seed re-reading pages from the file
        cacheKb.ifPresent(kb -> DatabaseFixture.dsl(database).execute("SET CACHE_SIZE " + SEED_CACHE_KB));
        long cpu = processCpuNanos();
        var seeded = new MillionDeviceSeeder(DatabaseFixture.dsl(database), submitters, Instant.now().truncatedTo(ChronoUnit.HOURS)).seed();
        // the setting is persistent: the pages are measured with the cache the product runs with
        cacheKb.ifPresent(kb -> DatabaseFixture.dsl(database).execute("SET CACHE_SIZE " + kb));
        System.out.printf("%s: seeded %,d devices in %,d batches and %,d events in %.0f s (of which %.0f s building"
                + " %d indexes and constraints after the rows), %.0f CPU s (this JVM; PostgreSQL's own is not counted)%n",
                name, seeded.devices(), seeded.batches(), seeded.events(), seeded.seconds(), seeded.indexSeconds(),
                seeded.indexes(), (processCpuNanos() - cpu) / 1e9);
        long counting = System.nanoTime();
        // the seeder writes the device table directly, past the counters the pipeline keeps
        new DeviceCounters(DatabaseFixture.dsl(database)).recount();
        System.out.printf("%s: device counters counted in %.1f s%n", name, (System.nanoTime() - counting) / 1e9);
        if (name.equals("PostgreSQL")) {
            long start = System.nanoTime();
            // what autovacuum leaves a table in after a while: statistics and the visibility map
            DatabaseFixture.dsl(database).execute("VACUUM ANALYZE");
            System.out.printf("%s: VACUUM ANALYZE in %.1f s%n", name, (System.nanoTime() - start) / 1e9);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The 1, 5 and 15 minute load averages (Linux), to say how quiet the machine was. */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static Optional<String> h2CacheKb(Database database) {
        return DatabaseFixture.dsl(database).resultQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                + "WHERE SETTING_NAME = 'CACHE_SIZE'").fetchOptional(0, String.class).filter(kb -> kb.matches("\\d+"));
    }

    private static void measure(String name, Database database, PageTimer timer, int runs) {
        timer.signIn(USER, PASSWORD);
        Map<String, String> cases = cases(database, timer);
        cases.keySet().removeIf(label -> !label.contains(only));
        // JIT and caches for every page first, so that the first case does not pay for the others
        for (int round = 0; round < WARM_UPS; round++) {
            cases.values().forEach(timer::status);
        }
        System.out.printf("%n%s, 1,000,000 devices (client-side time over loopback, ms), load average %s%n", name,
                loadAverage());
        System.out.println("| case | median | p95 | status | KB |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            PageTimer.Timing t = timer.time(c.getValue(), 2, runs);
            System.out.printf("| %s | %.1f | %.1f | %d | %d |%n", c.getKey(), t.medianMillis(), t.p95Millis(), t.status(),
                    t.bytes() / 1024);
        }
        System.out.printf("load average at the end: %s%n", loadAverage());
        System.gc();
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap after the run (after GC): %d MB used of %d MB max%n",
                (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024), rt.maxMemory() / (1024 * 1024));
    }

    /**
     * The dashboard over a fresh database of 1,000 queued devices in one batch, in the same run: beside
     * the figure at 1,000,000 it shows whether the dashboard's time grows with the table.
     */
    private static void smallDashboard(String name, String url, String user, int runs) {
        AppConfig config = AppConfig.from(Map.of("FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1", "FP_DB_URL", url,
                "FP_DB_USER", user));
        try (Database database = Database.connect(url, user, "", config.dbPoolSize())) {
            database.migrate();
            JobStorage jobs = JobStorage.open(database);
            WebServices services = BenchWeb.services(config, database, jobs, () -> {
                throw new CompanyDirectory.Unavailable(Text.of("intake.companies.noOwn"),
                        "not needed by the pages measured");
            }, NO_QUEUE);
            long userId = services.users().create(Actor.system(), USER, Role.ADMIN, PASSWORD).id();
            Instant now = Instant.now();
            long batch = DatabaseFixture.dsl(database).insertInto(BATCH).set(BATCH.SOURCE, "upload").set(BATCH.STATE, "submitted")
                    .set(BATCH.CREATED_BY, userId).set(BATCH.CREATED_AT, now).set(BATCH.SUBMITTED_AT, now)
                    .set(BATCH.UPDATED_AT, now).returning(BATCH.ID).fetchOne(BATCH.ID);
            // 50 at a time: on H2 a 500-row submit chunk costs the parser hundreds of MB (issue 11, submit part)
            for (int from = 0; from < 1000; from += 50) {
                int first = from;
                database.transactions().inTransaction(() -> new JooqDeviceIntake(DatabaseFixture.dsl(database)).insertQueued(
                        IntStream.range(first, first + 50).mapToObj(i -> new NewDevice(String.valueOf(356_938_035_000_000L + i),
                                "calamp", 1001, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), batch,
                                Optional.empty(), userId)).toList(), now));
            }
            WebServer server = WebServer.start(config, services, database, jobs,
                    () -> ConnectionReport.notHeld("simulator", "ws://127.0.0.1:0"), "bench");
            try {
                PageTimer timer = new PageTimer(server.port());
                timer.signIn(USER, PASSWORD);
                for (int round = 0; round < WARM_UPS; round++) {
                    timer.status("/");
                }
                PageTimer.Timing t = timer.time("/", 2, runs);
                System.out.printf("%n%s, 1,000 devices: | dashboard | %.1f | %.1f | %d | %d |%n", name, t.medianMillis(),
                        t.p95Millis(), t.status(), t.bytes() / 1024);
            } finally {
                server.close();
                jobs.close();
            }
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Case name → path, with ids read from the seeded database (so a reused database needs no state). */
    private static Map<String, String> cases(Database database, PageTimer timer) {
        var dsl = DatabaseFixture.dsl(database);
        long large = dsl.select(BATCH.ID).from(BATCH).orderBy(BATCH.ROWS_TOTAL.desc()).limit(1).fetchOne(BATCH.ID);
        long small = dsl.select(BATCH.ID).from(BATCH).where(BATCH.ROWS_TOTAL.gt(0)).orderBy(BATCH.ROWS_TOTAL, BATCH.ID)
                .limit(1).fetchOne(BATCH.ID);
        String device = dsl.select(DEVICE.PROVIDER_ID).from(DEVICE).where(DEVICE.BATCH_ID.eq(large))
                .and(DEVICE.BATCH_ROW.eq(42)).fetchOne(DEVICE.PROVIDER_ID);
        LocalDate today = LocalDate.ofInstant(dsl.select(org.jooq.impl.DSL.max(BATCH.SUBMITTED_AT)).from(BATCH)
                .fetchOne().value1(), ZoneOffset.UTC);
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("history, no filter (newest first)", "/history");
        cases.put("state = failed", "/history?state=failed");
        cases.put("state = queued", "/history?state=queued");
        cases.put("batch = the 100,000-device batch", "/history?batch=" + large);
        cases.put("kind = calamp", "/history?kind=calamp");
        cases.put("company = 1010", "/history?company=1010");
        cases.put("submitter = submitter07", "/history?submitter=submitter07");
        cases.put("submitted in the last 30 days", "/history?dateField=submitted&from=" + today.minusDays(30) + "&to=" + today);
        cases.put("billing started in one month, 4 months ago", "/history?dateField=billing&from=" + today.minusDays(120)
                + "&to=" + today.minusDays(90));
        cases.put("id prefix, 4 digits (~1% of devices)", "/history?q=" + device.substring(0, 4));
        cases.put("id prefix, 9 digits", "/history?q=" + device.substring(0, 9));
        findCases(cases, device, large);
        cases.put("order = oldest submitted", "/history?order=oldest-submitted");
        cases.put("order = latest billing", "/history?order=latest-billing");
        deep(timer, "/history").ifPresent(path -> cases.put("page 51 (50 x next), no filter", path));
        deep(timer, "/history?state=provisioned").ifPresent(path -> cases.put("page 51, state = provisioned", path));
        cases.put("batch page, 100,000 devices", "/batches/" + large);
        deep(timer, "/batches/" + large, 40).ifPresent(path -> cases.put("batch page, 100,000 devices, page 41 (40 x next)", path));
        // near the end of the batch: 1,999 pages in, reached by its cursor (the key of the row before it)
        cases.put("batch page, 100,000 devices, page 2,000 (the last)", "/batches/" + large + "?after="
                + nearEnd(dsl, large, MillionDeviceSeeder.LARGE_BATCH_SIZE - 50) + "#devices-heading");
        cases.put("batch page, 3 devices", "/batches/" + small);
        cases.put("batch progress JSON, 100,000 devices", "/batches/" + large + "/progress");
        cases.put("device page (with its events)", "/history/" + device);
        cases.put("dashboard", "/");
        // the batches list exists only once the ui branch is merged
        if (timer.status("/batches") == 200) {
            cases.put("batches list", "/batches");
        }
        return cases;
    }

    /**
     * Issue 14's search (the header's box, /search) and the history's "id contains" filter, all named
     * "find: …" (run them alone with that as the last argument). Fragments come from the middle of a
     * seeded id; "no match" is a 10-digit run of an id beyond the seed, the worst case for an index walk.
     */
    private static void findCases(Map<String, String> cases, String device, long batch) {
        String none = MillionDeviceSeeder.providerId(5_000_000L).substring(3, 13);
        cases.put("find: search, 3-digit middle fragment", "/search?q=" + device.substring(6, 9));
        cases.put("find: search, 4-digit middle fragment", "/search?q=" + device.substring(6, 10));
        cases.put("find: search, 6-digit middle fragment", "/search?q=" + device.substring(5, 11));
        cases.put("find: search, 9-digit middle fragment", "/search?q=" + device.substring(3, 12));
        cases.put("find: search, a whole id", "/search?q=" + device);
        cases.put("find: search, 10 digits matching nothing", "/search?q=" + none);
        cases.put("find: search, 2 digits", "/search?q=" + device.substring(7, 9));
        cases.put("find: search, file name fragment", "/search?q=devices-" + batch);
        cases.put("find: history, id contains 4-digit middle fragment", "/history?q=" + device.substring(6, 10));
        cases.put("find: history, id contains 9-digit middle fragment", "/history?q=" + device.substring(3, 12));
        cases.put("find: history, id contains 10 digits matching nothing", "/history?q=" + none);
        cases.put("find: history, id starts with 4 digits", "/history?q=" + device.substring(0, 4));
        // H2 (branch h2search): a start is an index range, an end or a middle a bounded scan
        cases.put("find: search, the start of an id, 4 digits", "/search?q=" + device.substring(0, 4));
        cases.put("find: search, the start of an id, 9 digits", "/search?q=" + device.substring(0, 9));
        cases.put("find: search, the end of an id, 6 digits", "/search?q=" + device.substring(device.length() - 6));
        cases.put("find: history, id starts with 9 digits", "/history?q=" + device.substring(0, 9));
        cases.put("find: history, id ends with 6 digits", "/history?q=" + device.substring(device.length() - 6));
    }

    /** The "next" token a page ending at the {@code row}-th device of the batch carries. */
    private static String nearEnd(org.jooq.DSLContext dsl, long batch, int row) {
        var device = dsl.select(DEVICE.SUBMITTED_AT, DEVICE.ID).from(DEVICE).where(DEVICE.BATCH_ID.eq(batch))
                .orderBy(DEVICE.SUBMITTED_AT, DEVICE.ID).offset(row - 1).limit(1).fetchOne();
        return new com.fleetprovisioner.core.history.HistoryCursor(device.value1(), device.value2()).token();
    }

    private static Optional<String> deep(PageTimer timer, String first) {
        return deep(timer, first, 50);
    }

    private static Optional<String> deep(PageTimer timer, String first, int pages) {
        return timer.followNext(first, pages);
    }
}
