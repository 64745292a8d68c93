package com.fleetprovisioner.bench;

import com.fleetprovisioner.core.pacing.AdaptiveRate;
import com.fleetprovisioner.core.pacing.SendRate;
import com.fleetprovisioner.db.Database;
import com.fleetprovisioner.db.DatabaseFixture;
import com.fleetprovisioner.db.pacing.JooqSendBudgetStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What the shared send budget costs: reservations per second that {@code threads} concurrent stores
 * (standing for worker processes, each with its own connection) get from the one {@code send_budget}
 * row, and each reservation's time, on an H2 file database and on embedded PostgreSQL. A reservation
 * covers 100 ms of sending, so at a rate r the workers need r / chunk(r) of them per second in all
 * (10/s at 400 commands/s); the headroom is this capacity divided by that.
 *
 * <p>Arguments: {@code [h2|postgres|both] [threads] [seconds]}.
 */
public final class SendBudgetBench {

    private SendBudgetBench() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "both";
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path dir = Files.createTempDirectory("send-budget-bench");
        System.out.printf("%d concurrent stores, %d s per database, %d cores%n", threads, seconds,
                Runtime.getRuntime().availableProcessors());
        System.out.println("| database | rate | reservations | reservations/s | slot capacity/s | p50 ms | p99 ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        if (!which.equals("postgres")) {
            run("H2 file", "jdbc:h2:file:" + dir.resolve("h2/fleet"), "sa", threads, seconds);
        }
        if (!which.equals("h2")) {
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg"))
                    .setPGStartupWait(Duration.ofMinutes(3)).start()) {
                run("PostgreSQL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres",
                        threads, seconds);
            }
        }
    }

    private static void run(String name, String url, String user, int threads, int seconds) throws Exception {
        try (Database database = Database.connect(url, user, "", threads + 2)) {
            database.migrate();
            for (int rate : new int[] {60, 400}) {
                measure(name, database, SendRate.of(rate), threads, 2);
                measure(name, database, SendRate.of(rate), threads, seconds).print(name, rate);
            }
        }
    }

    private record Result(long reservations, long slots, double seconds, long[] nanos) {
        void print(String name, int rate) {
            Arrays.sort(nanos);
            System.out.printf("| %s | %d/s | %d | %.0f | %.0f | %.2f | %.2f |%n", name, rate, reservations,
                    reservations / seconds, slots / seconds, nanos[nanos.length / 2] / 1e6,
                    nanos[(int) (nanos.length * 0.99)] / 1e6);
        }
    }

    private static Result measure(String name, Database database, SendRate rate, int threads, int seconds)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        List<Future<long[]>> runs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            JooqSendBudgetStore store = new JooqSendBudgetStore(DatabaseFixture.dsl(database));
            runs.add(pool.submit(() -> {
                long[] times = new long[1 << 20];
                int n = 0;
                long slots = 0;
                while (System.nanoTime() < end && n < times.length - 1) {
                    long t0 = System.nanoTime();
                    slots += store.update((s, now) -> AdaptiveRate.reserve(s, rate, now)).count();
                    times[n++] = System.nanoTime() - t0;
                }
                long[] out = Arrays.copyOf(times, n + 1);
                out[n] = slots;
                return out;
            }));
        }
        List<Long> all = new ArrayList<>();
        long slots = 0;
        for (Future<long[]> f : runs) {
            long[] out = f.get();
            slots += out[out.length - 1];
            for (int i = 0; i < out.length - 1; i++) {
                all.add(out[i]);
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return new Result(all.size(), slots, elapsed, all.stream().mapToLong(Long::longValue).toArray());
    }
}
