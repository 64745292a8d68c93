package com.fleetprovisioner.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;

/** Command line: {@code java -jar fleet-freedom-simulator.jar --port 8989 --user ops@example.com:secret --company 42}. */
public final class SimulatorMain {

    static final String USAGE = """
            Fleet Freedom simulator — a local stand-in for Trak iT Wireless' WebSocket API (plain ws://, loopback).

            Usage: java -jar fleet-freedom-simulator.jar [options]
              --port N                     WebSocket port (default 8989; 0 = any free port)
              --control-port N             HTTP control API port (default 0 = any free port)
              --host ADDRESS               WebSocket listen address (default 127.0.0.1)
              --control-host ADDRESS       control API listen address (default 127.0.0.1, whatever --host is);
                                           every request needs the token printed at start and a loopback Host
              --user LOGIN:PASSWORD        a user of --company; repeatable (default ops@example.com:secret)
              --company ID                 the users' company (default 42; 42 "Demo Fleet" has child 43)
              --duplicate-policy reject|update   mergeProvider for an existing id (default reject)
              --multi-user allow|deny|replace    several logins of one user (default allow)
              --session-timeout-minutes N  session expiry (default 60)
              --provider ID:KIND:COMPANY   a provider present from the start, added "by someone else"; repeatable
              --providers N:COMPANY        N such providers (ids 860000000000001 on, kind genx) in COMPANY
            Faults (also changeable at run time through the control API):
              --latency MS | MIN-MAX       reply latency, fixed or random range
              --error-rate CODE=RATE       answer that error code with probability RATE; repeatable
              --throttle N/WINDOW_MS/TIMEOUT_S   more than N commands per window → 105 with timeout
              --session-expiry SECONDS     sessions expire this long after login
              --drop-before-merge RATE     drop the socket before applying a mergeProvider
              --drop-after-merge RATE      apply the mergeProvider, then drop the socket (reply lost)
              --refuse-connections         refuse every connection
              --help                       this text
            """;

    /** Seeded providers count up from here: 15 digits, like the IMEIs of real devices. */
    private static final long SEEDED_IDS = 860_000_000_000_000L;
    /** The most providers {@code --providers} seeds (the scale benchmarks use millions). */
    private static final int MAX_SEEDED = 10_000_000;

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Our logging config is named so that it never shadows the app's logback.xml when this jar is a library.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "simulator-logback.xml");
        }
        SimulatorConfig config;
        try {
            if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
                System.out.println(USAGE);
                return;
            }
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Simulator simulator = Simulator.start(config);
        System.out.println("Fleet Freedom simulator");
        System.out.println("  WebSocket:   " + simulator.webSocketUri());
        System.out.println("  Control API: " + simulator.controlUri());
        // printed once, here only (never logged): the operator who started the process uses it
        System.out.println("  Control token: " + simulator.controlToken()
                + "  (send as Authorization: Bearer <token>)");
        // The operator typed these passwords on this command line; showing them back is not a leak.
        config.users().forEach(u -> System.out.println("  User:        " + u.username() + " / " + u.password()
                + " (company " + u.company() + ")"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.stop();
            stopped.countDown();
        }));
        stopped.await();
    }

    static SimulatorConfig parse(String[] args) {
        SimulatorConfig.Builder b = SimulatorConfig.builder().port(8989);
        List<String[]> users = new ArrayList<>();
        long company = 42;
        FaultSettings faults = FaultSettings.none();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--refuse-connections")) {
                faults = faults.withRefuseConnections(true);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String v = args[++i];
            switch (flag) {
                case "--port" -> b.port(Integer.parseInt(v));
                case "--control-port" -> b.controlPort(Integer.parseInt(v));
                case "--host" -> b.host(v);
                case "--control-host" -> b.controlHost(v);
                case "--company" -> company = Long.parseLong(v);
                case "--user" -> users.add(user(v));
                case "--duplicate-policy" -> b.duplicatePolicy(
                        SimulatorConfig.DuplicatePolicy.valueOf(v.toUpperCase(Locale.ROOT)));
                case "--multi-user" -> b.multiUserPolicy(SimulatorConfig.MultiUserPolicy.valueOf(v.toUpperCase(Locale.ROOT)));
                case "--provider" -> b.provider(provider(v));
                case "--providers" -> seedProviders(b, v);
                case "--session-timeout-minutes" -> b.sessionTimeout(Duration.ofMinutes(Long.parseLong(v)));
                default -> faults = withFault(faults, flag, v);
            }
        }
        long c = company;
        if (users.isEmpty()) {
            users.add(new String[] {SimulatorConfig.DEMO_USER.username(), SimulatorConfig.DEMO_USER.password()});
        }
        users.forEach(u -> b.user(u[0], u[1], c));
        return b.faults(faults).build();
    }

    /** {@code LOGIN:PASSWORD}; the password may contain colons. */
    private static String[] user(String v) {
        int colon = v.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--user wants LOGIN:PASSWORD");
        }
        return new String[] {v.substring(0, colon), v.substring(colon + 1)};
    }

    private static SimulatorConfig.SeedProvider provider(String v) {
        String[] p = v.split(":");
        if (p.length != 3) {
            throw new IllegalArgumentException("--provider wants ID:KIND:COMPANY");
        }
        return new SimulatorConfig.SeedProvider(p[0], p[1], Long.parseLong(p[2]));
    }

    /** {@code N:COMPANY}: N genx providers with 15-digit, IMEI-like ids counting up from {@link #SEEDED_IDS}. */
    private static void seedProviders(SimulatorConfig.Builder b, String v) {
        String[] p = v.split(":");
        int n = p.length == 2 ? Integer.parseInt(p[0]) : -1;
        if (n < 0 || n > MAX_SEEDED) {
            throw new IllegalArgumentException("--providers wants N:COMPANY, N from 0 to " + MAX_SEEDED);
        }
        for (int k = 1; k <= n; k++) {
            b.provider(new SimulatorConfig.SeedProvider(Long.toString(SEEDED_IDS + k), "genx", Long.parseLong(p[1])));
        }
    }

    /** The fault options of the usage text; anything else is an unknown option. */
    private static FaultSettings withFault(FaultSettings faults, String flag, String v) {
        return switch (flag) {
            case "--latency" -> {
                String[] r = v.split("-");
                yield faults.withLatency(Long.parseLong(r[0]), Long.parseLong(r[r.length - 1]));
            }
            case "--error-rate" -> {
                String[] kv = v.split("=");
                yield faults.withErrorRate(Integer.parseInt(kv[0]), Double.parseDouble(kv[1]));
            }
            case "--throttle" -> {
                String[] t = v.split("/");
                yield faults.withThrottle(Integer.parseInt(t[0]), Long.parseLong(t[1]), Double.parseDouble(t[2]));
            }
            case "--session-expiry" -> faults.withSessionExpirySeconds(Long.parseLong(v));
            case "--drop-before-merge" -> faults.withDropBeforeMerge(Double.parseDouble(v));
            case "--drop-after-merge" -> faults.withDropAfterMerge(Double.parseDouble(v));
            default -> throw new IllegalArgumentException("unknown option " + flag);
        };
    }
}
