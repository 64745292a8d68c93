package com.fleetprovisioner.bench;

import com.fleetprovisioner.core.intake.Ids;
import com.fleetprovisioner.db.testing.DatabaseKind;
import com.fleetprovisioner.db.testing.DatabaseUrl;
import com.fleetprovisioner.db.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Submit seconds and peak heap for one large batch, as a user meets it: the shipped app jar started as its
 * own JVM (H2, built-in simulator, default settings) with a fixed heap, a generated CSV uploaded through
 * {@code POST /api/v1/batches}, then {@code POST /api/v1/batches/{id}/submit} timed from request to answer.
 * Peak heap comes from the JVM's own GC log: the most the heap held before any collection during the
 * submit (garbage included), and the most it still held after one (what the submit kept alive).
 *
 * <p>Arguments: the jar, the heap (e.g. 512m), then device counts. Run it with the previous jar too: the
 * same measurement is the baseline. {@code -Dfp.bench.db=postgres}: a fresh database on the embedded
 * PostgreSQL the tests use (started in this JVM) instead of the app's H2 file. {@code -Dfp.bench.appJvmArgs=...}:
 * more options for the app's JVM, separated by spaces (e.g. a flight recording of the submit).
 */
public final class SubmitBench {
    private static final Pattern GC_LINE = Pattern.compile("^\\[(\\d+\\.\\d+)s\\].*Pause.* (\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final Pattern BATCH_ID = Pattern.compile("\"batchId\":(\\d+)");
    private static final Pattern TOKEN = Pattern.compile("\"token\":\"([^\"]+)\"");
    private static final String PASSWORD = "submit-bench-admin-password";

    record Result(String jar, String heap, int devices, int status, double seconds, long peakBeforeGcMb, long peakAfterGcMb,
            boolean outOfMemory, String answer) {
    }

    private SubmitBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        String heap = args[1];
        List<Result> results = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            Result result = run(jar, heap, Integer.parseInt(args[i]));
            System.out.println(result);
            results.add(result);
        }
        System.out.println("| jar | -Xmx | devices | HTTP | submit s | peak heap MB (before GC) | peak live MB (after GC) | OutOfMemoryError |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---|");
        for (Result r : results) {
            System.out.printf("| %s (%s) | %s | %,d | %d | %.1f | %d | %d | %s |%n", r.jar(),
                    System.getProperty("fp.bench.db", "h2"), r.heap(), r.devices(), r.status(), r.seconds(), r.peakBeforeGcMb(), r.peakAfterGcMb(), r.outOfMemory() ? "yes" : "no");
        }
    }

    static Result run(Path jar, String heap, int devices) throws Exception {
        Path dir = Files.createTempDirectory("fp-submit-bench");
        Path csv = writeCsv(dir.resolve("devices.csv"), devices);
        Path gcLog = dir.resolve("gc.log");
        Path console = dir.resolve("console.log");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Xlog:gc:file=" + gcLog + ":uptime"));
        String more = System.getProperty("fp.bench.appJvmArgs", "").strip();
        if (!more.isEmpty()) {
            command.addAll(List.of(more.split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(console.toFile());
        builder.environment().keySet().removeIf(v -> v.startsWith("FP_"));
        builder.environment().put("FP_HTTP_PORT", Integer.toString(port));
        builder.environment().put("FP_HTTP_HOST", "127.0.0.1");
        builder.environment().put("FP_ADMIN_PASSWORD", PASSWORD);
        if ("postgres".equals(System.getProperty("fp.bench.db"))) {
            DatabaseUrl database = TestDatabases.freshUrl(DatabaseKind.POSTGRES);
            builder.environment().put("FP_DB_URL", database.url());
            builder.environment().put("FP_DB_USER", database.user());
            builder.environment().put("FP_DB_PASSWORD", database.password());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            builder.environment().put("FP_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        }
        Process process = builder.start();
        long startedAt = System.nanoTime();
        try {
            awaitRunning(console, process);
            HttpClient http = HttpClient.newHttpClient();
            URI base = URI.create("http://127.0.0.1:" + port);
            String token = find(TOKEN, post(http, base.resolve("/api/v1/tokens"), null, "application/json",
                    HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + PASSWORD
                            + "\",\"name\":\"bench\"}")).body());
            String boundary = UUID.randomUUID().toString();
            HttpResponse<String> upload = post(http, base.resolve("/api/v1/batches"), token,
                    "multipart/form-data; boundary=" + boundary, multipart(boundary, csv));
            if (upload.statusCode() != 201) {
                throw new IllegalStateException("upload answered " + upload.statusCode() + ": " + upload.body());
            }
            String batchId = find(BATCH_ID, upload.body());
            double from = (System.nanoTime() - startedAt) / 1e9;
            long start = System.nanoTime();
            HttpResponse<String> submit = post(http, base.resolve("/api/v1/batches/" + batchId + "/submit"), token,
                    "application/json", HttpRequest.BodyPublishers.ofString("{}"));
            double seconds = (System.nanoTime() - start) / 1e9;
            double to = (System.nanoTime() - startedAt) / 1e9;
            Thread.sleep(1000); // the GC log line of a pause at the very end
            long[] peaks = peaks(gcLog, from, to);
            boolean oom = Files.readString(console).contains("OutOfMemoryError");
            String answer = submit.body().length() > 200 ? submit.body().substring(0, 200) : submit.body();
            return new Result(jar.getFileName().toString(), heap, devices, submit.statusCode(), seconds, peaks[0], peaks[1],
                    oom, answer);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * {before, after}: the most the heap held before a collection and after one, over the collections
     * logged between {@code from} and {@code to} seconds after the start (JVM uptime runs slightly behind
     * our clock, so the window is widened by the JVM's start, about a second).
     */
    private static long[] peaks(Path gcLog, double from, double to) throws IOException {
        long before = 0;
        long after = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                double at = Double.parseDouble(m.group(1));
                if (at >= from - 2 && at <= to + 1) {
                    before = Math.max(before, Long.parseLong(m.group(2)));
                    after = Math.max(after, Long.parseLong(m.group(3)));
                }
            }
        }
        return new long[] {before, after};
    }

    static void awaitRunning(Path console, Process process) throws Exception {
        awaitLine(console, process, "is running at", "the app");
    }

    /** Waits up to 3 minutes for {@code line} in the process's console; {@code what} names it in the failure. */
    static void awaitLine(Path console, Process process, String line, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            if (Files.exists(console) && Files.readString(console).contains(line)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(what + " did not start; console in " + console);
    }

    static HttpResponse<String> post(HttpClient http, URI uri, String token, String contentType,
            HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30))
                .header("Content-Type", contentType).POST(body);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.BodyPublisher multipart(String boundary, Path csv) throws IOException {
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"devices.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return HttpRequest.BodyPublishers.ofByteArrays(List.of(head, Files.readAllBytes(csv), tail));
    }

    static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + text);
        }
        return m.group(1);
    }

    static Path writeCsv(Path file, int devices) throws IOException {
        return writeCsv(file, devices, 0);
    }

    /** {@code devices} rows whose ids are numbered from {@code first} on. */
    static Path writeCsv(Path file, int devices, long first) throws IOException {
        StringBuilder csv = new StringBuilder("IMEI,Kind,Company,Phone,Password,Name\n");
        for (long i = first; i < first + devices; i++) {
            String body = "35" + String.format("%012d", i);
            csv.append(body).append(Ids.luhnCheckDigit(body)).append(i % 2 == 0 ? ",genx,42," : ",teltonika,43,")
                    .append("+4477009").append(String.format("%05d", i % 100_000)).append(",pw").append(i)
                    .append(",Truck ").append(i).append('\n');
        }
        return Files.writeString(file, csv);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
