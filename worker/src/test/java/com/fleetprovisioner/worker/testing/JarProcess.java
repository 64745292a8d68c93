package com.fleetprovisioner.worker.testing;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One of our runnable jars started as its own JVM, with its console (stdout and stderr) captured line
 * by line and, when a log file is given, copied there so that a failed CI run can still be read.
 */
public final class JarProcess implements AutoCloseable {
    /** What to start: the jar, its JVM options, its arguments, its environment (no FP_ variable is inherited). */
    public record Launch(Path jar, Path workingDirectory, List<String> jvmOptions, List<String> arguments,
            Map<String, String> environment, Optional<Path> log) {
        public static Launch of(Path jar, Path workingDirectory, Map<String, String> environment) {
            return new Launch(jar, workingDirectory, List.of("-Xmx512m"), List.of(), environment, Optional.empty());
        }

        public Launch withJvmOptions(String... options) {
            return new Launch(jar, workingDirectory, List.of(options), arguments, environment, log);
        }

        public Launch withArguments(String... args) {
            return new Launch(jar, workingDirectory, jvmOptions, List.of(args), environment, log);
        }

        public Launch withLog(Path file) {
            return new Launch(jar, workingDirectory, jvmOptions, arguments, environment, Optional.of(file));
        }
    }

    private final String name;
    private final Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private JarProcess(String name, Process process, Optional<BufferedWriter> log) {
        this.name = name;
        this.process = process;
        Thread reader = new Thread(() -> copyConsole(log), "jar-output-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    public static JarProcess start(Path jar, Path workingDirectory, Map<String, String> environment) {
        return start(Launch.of(jar, workingDirectory, environment));
    }

    public static JarProcess start(Launch launch) {
        if (!Files.isRegularFile(launch.jar())) {
            throw new IllegalStateException(launch.jar() + " is missing: run the tests with 'mvn verify' so the jar is packaged first");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.jvmOptions());
        command.add("-jar");
        command.add(launch.jar().toString());
        command.addAll(launch.arguments());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(launch.workingDirectory().toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("FP_"));
        builder.environment().putAll(launch.environment());
        try {
            Optional<BufferedWriter> log = Optional.empty();
            if (launch.log().isPresent()) {
                Files.createDirectories(launch.log().get().toAbsolutePath().getParent());
                log = Optional.of(Files.newBufferedWriter(launch.log().get(), StandardCharsets.UTF_8));
            }
            String name = launch.log().map(file -> file.getFileName().toString()).orElse(launch.jar().getFileName().toString());
            return new JarProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for a console line; fails with the whole console when it does not come. */
    public String awaitLine(Predicate<String> matches, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                if (matches.test(line)) {
                    return line;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            sleep(100);
        }
        throw new AssertionError("Expected line not printed by " + name + " (alive: " + process.isAlive() + "). Console:\n" + console());
    }

    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Process did not exit. Console:\n" + console());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A graceful stop, as a service manager does it: SIGTERM, then waits for the JVM to exit. */
    public int stop(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** A crash, as SIGKILL or a power cut leaves it: no shutdown hook runs. */
    public void kill() {
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes the JVM's thread dump ({@code jcmd <pid> Thread.print}, the JDK's own tool beside this JVM's
     * java) to {@code file}: what a process that went quiet was waiting for, before a test kills it.
     * Best effort: a failure to dump is written to the file instead.
     */
    public void dumpThreads(Path file) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(file.toFile()).start();
            if (!dump.waitFor(30, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
            }
        } catch (IOException e) {
            try {
                Files.writeString(file, "no thread dump: " + e);
            } catch (IOException ignored) {
                // nothing more to say
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public String name() {
        return name;
    }

    public String console() {
        return String.join("\n", output);
    }

    public List<String> lines() {
        return List.copyOf(output);
    }

    /** The last lines of the console, for a failure message. */
    public String tail(int count) {
        List<String> lines = lines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void copyConsole(Optional<BufferedWriter> log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                if (log.isPresent()) {
                    log.get().write(line);
                    log.get().newLine();
                    log.get().flush();
                }
            }
        } catch (IOException ignored) {
            // the process ended
        } finally {
            log.ifPresent(JarProcess::closeQuietly);
        }
    }

    private static void closeQuietly(BufferedWriter writer) {
        try {
            writer.close();
        } catch (IOException ignored) {
            // nothing more to write
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
