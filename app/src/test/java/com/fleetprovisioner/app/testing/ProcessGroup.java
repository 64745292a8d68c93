package com.fleetprovisioner.app.testing;

import com.fleetprovisioner.worker.testing.JarProcess;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The JVMs one test starts, each with its console copied to {@code <logs>/<name>.log}: waits that fail
 * early when a needed process died, the consoles' last lines for a failure, and all of them stopped on
 * close (newest first), whatever happened.
 */
public final class ProcessGroup implements AutoCloseable {
    private final Path logs;
    private final List<JarProcess> processes = new ArrayList<>();

    public ProcessGroup(Path logs) {
        this.logs = logs.toAbsolutePath();
    }

    public JarProcess start(String name, JarProcess.Launch launch) {
        JarProcess process = JarProcess.start(launch.withLog(logs.resolve(name + ".log")));
        processes.add(process);
        return process;
    }

    /** Polls until the condition holds; the deadline is a hang guard. Fails at once when a needed process has died. */
    public static void await(String what, Duration deadline, List<JarProcess> needed, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            for (JarProcess process : needed) {
                assertThat(process.alive()).as("%s is running while waiting for %s", process.name(), what).isTrue();
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Each console's last lines on stderr, where the build log keeps them. */
    public void printTails(int lines) {
        for (JarProcess process : processes) {
            System.err.println("---- last lines of " + process.name() + " (pid " + process.pid() + ", alive "
                    + process.alive() + "; the whole console: " + logs.resolve(process.name()) + ") ----");
            System.err.println(process.tail(lines));
        }
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
    }
}
