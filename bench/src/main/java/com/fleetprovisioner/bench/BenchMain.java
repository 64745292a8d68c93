package com.fleetprovisioner.bench;

import com.fleetprovisioner.fleetfreedom.CommandOutcome;
import com.fleetprovisioner.fleetfreedom.FleetFreedomConfig;
import com.fleetprovisioner.fleetfreedom.Listings;
import com.fleetprovisioner.fleetfreedom.NewProvider;
import com.fleetprovisioner.fleetfreedom.SessionSupervisor;
import com.fleetprovisioner.simulator.FaultSettings;
import com.fleetprovisioner.simulator.Simulator;
import com.fleetprovisioner.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Merges per second through one {@link SessionSupervisor} (one client, one socket) against the in-process
 * simulator, for 0 and 50 ms simulated latency and 1, 16 and 64 commands in flight. Bounded: each cell
 * sends a fixed number of merges; a fresh simulator per cell so that the store does not grow across cells.
 */
public final class BenchMain {

    record Cell(long latencyMillis, int inFlight, int merges) {
    }

    record Result(Cell cell, double seconds, double perSecond, double p50Millis, double p99Millis, int failures) {
    }

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Cell> cells = List.of(
                new Cell(0, 1, 2000), new Cell(0, 16, 2000), new Cell(0, 64, 2000),
                new Cell(50, 1, 100), new Cell(50, 16, 1000), new Cell(50, 64, 2000));
        run(new Cell(0, 16, 2000)); // warm-up: JIT, sockets; not reported
        List<Result> results = new ArrayList<>();
        for (Cell cell : cells) {
            results.add(run(cell));
        }
        System.out.println("| latency | in flight | merges | seconds | merges/s | p50 ms | p99 ms | failures |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf("| %d ms | %d | %d | %.2f | %.0f | %.2f | %.2f | %d |%n", r.cell().latencyMillis(),
                    r.cell().inFlight(), r.cell().merges(), r.seconds(), r.perSecond(), r.p50Millis(), r.p99Millis(),
                    r.failures());
        }
    }

    private static Result run(Cell cell) throws Exception {
        SimulatorConfig simConfig = SimulatorConfig.builder()
                .faults(FaultSettings.none().withLatency(cell.latencyMillis(), cell.latencyMillis())).build();
        try (Simulator simulator = Simulator.start(simConfig);
             SessionSupervisor supervisor = new SessionSupervisor(
                     FleetFreedomConfig.of(simulator.webSocketUri(), "ops@example.com", "secret")
                             .withPacing(0, cell.inFlight()).withCommandTimeout(Duration.ofSeconds(60)))) {
            supervisor.start();
            supervisor.connected().get(30, TimeUnit.SECONDS);
            List<CompletableFuture<CommandOutcome<Listings.ProviderRef>>> futures = new ArrayList<>(cell.merges());
            long start = System.nanoTime();
            for (int i = 0; i < cell.merges(); i++) {
                futures.add(supervisor.mergeProvider(NewProvider.of(String.format("35693803%07d", i), "calamp", 42)));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] latencies = new double[cell.merges()];
            int failures = 0;
            for (int i = 0; i < futures.size(); i++) {
                CommandOutcome<Listings.ProviderRef> outcome = futures.get(i).join();
                if (outcome instanceof CommandOutcome.Success<Listings.ProviderRef> s) {
                    latencies[i] = Duration.between(s.sentAt(), s.receivedAt()).toNanos() / 1e6;
                } else {
                    failures++;
                }
            }
            Arrays.sort(latencies);
            return new Result(cell, seconds, cell.merges() / seconds, percentile(latencies, 0.50),
                    percentile(latencies, 0.99), failures);
        }
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(p * sorted.length))];
    }
}
