package com.fleetprovisioner.bench;

import com.fleetprovisioner.core.audit.Actor;
import com.fleetprovisioner.core.auth.Role;
import com.fleetprovisioner.core.auth.User;
import com.fleetprovisioner.core.config.AppConfig;
import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.IntakeDefaults;
import com.fleetprovisioner.core.intake.Upload;
import com.fleetprovisioner.core.provisioning.ConnectionReport;
import com.fleetprovisioner.core.provisioning.ProvisioningQueue;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.queue.JobStorage;
import com.fleetprovisioner.web.WebServer;
import com.fleetprovisioner.web.WebServices;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The preview of a 100,000-row draft (issue 11): its first, middle and last page, all rows and problems
 * only, over the real web server, timed as {@link HistoryBench} times pages. The middle and last pages
 * are asked as their "next" links ask for them ({@code page} and {@code after}: code that does not know
 * {@code after} serves the page by its number). Arguments: {@code [h2|postgres|both] [runs per case]}.
 */
public final class PreviewBench {
    private static final int ROWS = 100_000;
    private static final int PAGE = 50;
    private static final int WARM_UPS = 10;
    private static final String PASSWORD = "bench-password-long";
    /** The preview never enqueues. */
    private static final ProvisioningQueue NO_QUEUE = new ProvisioningQueue() {
        @Override
        public void enqueue(java.util.Collection<Long> ids) {
        }

        @Override
        public void wake(java.util.Collection<Long> ids) {
        }
    };

    private PreviewBench() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "both";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path dir = Files.createTempDirectory("fp-preview-bench");
        Path csv = writeCsv(dir.resolve("devices.csv"));
        System.out.printf("max heap %d MB, %d runs per case after %d warm-ups%n",
                Runtime.getRuntime().maxMemory() / (1024 * 1024), runs, WARM_UPS);
        if (!which.equals("postgres")) {
            run("H2", "jdbc:h2:file:" + dir.resolve("h2/fleet") + ";OPTIMIZE_REUSE_RESULTS=FALSE", "sa", csv, runs);
        }
        if (!which.equals("h2")) {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                    .setCleanDataDirectory(true).setPGStartupWait(Duration.ofMinutes(3)).start()) {
                run("PostgreSQL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", csv, runs);
            }
        }
    }

    private static void run(String name, String url, String user, Path csv, int runs) {
        AppConfig config = AppConfig.from(Map.of("FP_HTTP_PORT", "0", "FP_HTTP_HOST", "127.0.0.1", "FP_DB_URL", url,
                "FP_DB_USER", user));
        try (Database database = Database.connect(url, user, "", config.dbPoolSize())) {
            database.migrate();
            JobStorage jobs = JobStorage.open(database);
            WebServices services = BenchWeb.services(config, database, jobs, () -> Set.of(42L, 43L), NO_QUEUE);
            User admin = services.users().create(Actor.system(), "bench", Role.ADMIN, PASSWORD);
            long start = System.nanoTime();
            Batch batch = services.intake().upload(Actor.user(admin.id(), admin.username(), "bench"),
                    new Upload(csv, "devices.csv", IntakeDefaults.none(), Batch.Source.UPLOAD));
            System.out.printf("%n%s: %,d rows uploaded in %.1f s (%,d errors)%n", name, batch.counts().total(),
                    (System.nanoTime() - start) / 1e9, batch.counts().error());
            WebServer server = WebServer.start(config, services, database, jobs,
                    () -> ConnectionReport.notHeld("simulator", "ws://127.0.0.1:0"), "bench");
            try {
                measure(name, batch.id(), new PageTimer(server.port()), runs);
            } finally {
                server.close();
                jobs.close();
            }
        }
    }

    private static void measure(String name, long id, PageTimer timer, int runs) {
        timer.signIn("bench", PASSWORD);
        String preview = "/batches/" + id + "/preview";
        Map<String, String> cases = new LinkedHashMap<>();
        // rows are numbered from 2 (the header is row 1): page p starts after row 1 + (p - 1) * 50
        cases.put("preview, page 1", preview);
        cases.put("preview, page 1,000 (middle), by its link", preview + "?all=true&page=1000&after=" + (1 + 999 * PAGE));
        cases.put("preview, page 2,000 (last), by its link", preview + "?all=true&page=2000&after=" + (1 + 1999 * PAGE));
        cases.put("preview, page 1,000, by number alone", preview + "?page=1000");
        // every 100th row is an error: rows 101, 201, …; page 20 of the problems starts after the 950th
        cases.put("problems, page 1", preview + "?problems=true");
        cases.put("problems, page 20 (last), by its link", preview + "?problems=true&page=20&after=" + (950 * 100 + 1));
        for (int round = 0; round < WARM_UPS; round++) {
            cases.values().forEach(timer::status);
        }
        System.out.printf("%s, preview of a 100,000-row draft (client-side time over loopback, ms), load average %s%n",
                name, HistoryBench.loadAverage());
        System.out.println("| case | median | p95 | status | KB |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            PageTimer.Timing t = timer.time(c.getValue(), 2, runs);
            System.out.printf("| %s | %.1f | %.1f | %d | %d |%n", c.getKey(), t.medianMillis(), t.p95Millis(), t.status(),
                    t.bytes() / 1024);
        }
        System.out.printf("load average at the end: %s%n", HistoryBench.loadAverage());
    }

    /** Every 100th row has an unknown kind (an error); the others are valid. */
    private static Path writeCsv(Path file) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("IMEI,Kind,Company,Name\n");
            for (int i = 0; i < ROWS; i++) {
                String body = "35" + String.format("%012d", i);
                out.write(body + com.fleetprovisioner.core.intake.Ids.luhnCheckDigit(body) + ","
                        + (i % 100 == 99 ? "obsolete" : "genx") + ",42,Truck " + i + "\n");
            }
        }
        return file;
    }
}
