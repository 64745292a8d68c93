package com.fleetprovisioner.bench;

import com.fleetprovisioner.simulator.ControlClient;
import com.fleetprovisioner.web.testing.SignInFlood;
import com.fleetprovisioner.web.testing.TestClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 100 (or N) parallel anonymous sign-ins against shipped app jars, each started as its own JVM at
 * -Xmx512m on a fresh H2 directory with FP_TRUST_PROXY=true (every sign-in comes from its own
 * address). Per jar: status counts, p50/p95 latency, peak heap (the largest heap occupancy the GC
 * log shows before a collection), OutOfMemoryErrors on the console, and whether the process still
 * answers afterwards (readiness, the simulator's control API, the admin's sign-in).
 *
 * <p>Usage: {@code SignInFloodBench N label=path/to/fleet-provisioner.jar [label=jar …]}
 */
public final class SignInFloodBench {
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final String ADMIN_PASSWORD = "bench-admin-password";
    private static final String CONTROL_TOKEN = "Simulator control token (shown once):";

    private SignInFloodBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        List<String> rows = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] labelled = args[i].split("=", 2);
            rows.add(run(labelled[0], Path.of(labelled[1]).toAbsolutePath(), count));
            System.out.println(rows.get(rows.size() - 1));
        }
        System.out.println("| jar | sign-ins | statuses (0 = no answer in 60 s) | p50 ms | p95 ms | max ms | peak heap MiB "
                + "| OOM lines | after: ready / control API / admin sign-in | stops on SIGTERM |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|---|---|");
        rows.forEach(System.out::println);
    }

    private static String run(String label, Path jar, int count) throws Exception {
        Path directory = Files.createTempDirectory("sign-in-flood-" + label);
        Path gcLog = directory.resolve("gc.log");
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Xlog:gc:file=" + gcLog, "-jar", jar.toString())
                .directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("FP_"));
        builder.environment().putAll(Map.of("FP_HTTP_PORT", Integer.toString(port), "FP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                "FP_TRUST_PROXY", "true"));
        Process process = builder.start();
        List<String> console = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> copy(process, console), "console-" + label);
        reader.setDaemon(true);
        reader.start();
        try {
            String target = await(console, "control API", Duration.ofSeconds(180));
            await(console, "is running at", Duration.ofSeconds(180));
            Matcher control = Pattern.compile("control API (\\S+)\\)").matcher(target);
            control.find();
            // the control token is printed once before "is running at" (a jar from before issue 15 prints none)
            String token = console.stream().filter(line -> line.contains(CONTROL_TOKEN)).findFirst()
                    .map(line -> line.substring(line.indexOf(CONTROL_TOKEN) + CONTROL_TOKEN.length()).trim()).orElse("");
            ControlClient controlApi = new ControlClient(URI.create(control.group(1)), token);
            URI web = URI.create("http://127.0.0.1:" + port + "/");
            TestClient admin = TestClient.at(web).signedIn("admin", ADMIN_PASSWORD);
            awaitConnected(admin);
            admin.postFormWithCsrf("/admin/users", Map.of("username", "floodop", "role", "operator",
                    "password", "bench-operator-password"));

            SignInFlood.Result flood = SignInFlood.fire(web, count, "floodop", Duration.ofSeconds(60));

            String after = status(web.resolve("/health/ready")) + " / " + ledgerStatus(controlApi) + " / "
                    + signIn(web);
            long oom = console.stream().filter(line -> line.contains("OutOfMemoryError")).count();
            String stops = stop(process);
            return String.format("| %s | %d | %s | %.0f | %.0f | %.0f | %d | %d | %s | %s |", label, count, flood.byStatus(),
                    flood.percentileMillis(50), flood.percentileMillis(95), flood.percentileMillis(100), peakHeapMib(gcLog),
                    oom, after, stops);
        } finally {
            process.destroyForcibly().waitFor();
        }
    }

    /** A graceful stop as a service manager does it; a JVM whose threads died of OOM may never finish it. */
    private static String stop(Process process) throws InterruptedException {
        process.destroy();
        return process.waitFor(30, TimeUnit.SECONDS) ? "yes" : "no (killed after 30 s)";
    }

    private static String signIn(URI web) {
        try {
            return Integer.toString(TestClient.at(web).login("admin", ADMIN_PASSWORD).statusCode());
        } catch (RuntimeException | AssertionError e) {
            return "no answer";
        }
    }

    private static String status(URI uri) {
        try {
            return Integer.toString(HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String ledgerStatus(ControlClient controlApi) {
        try {
            return Integer.toString(controlApi.get("/ledger").statusCode());
        } catch (RuntimeException e) {
            return "no answer";
        }
    }

    private static long peakHeapMib(Path gcLog) throws IOException {
        long peak = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher matcher = GC_LINE.matcher(line);
            if (matcher.find()) {
                peak = Math.max(peak, Long.parseLong(matcher.group(1)));
            }
        }
        return peak;
    }

    /** The detailed /health needs a user since issue 15: read as the signed-in admin. */
    private static void awaitConnected(TestClient admin) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            String health = admin.get("/health").body();
            if (health.contains("\"CONNECTED\"")) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Fleet Freedom never connected");
    }

    private static String await(List<String> console, String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : console) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("No line with '" + text + "'. Console:\n" + String.join("\n", console));
    }

    private static void copy(Process process, List<String> console) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                console.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
