package com.fleetprovisioner.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void everyThreadIsANamedDaemonEvenWhenMadeFromAThreadThatIsNot() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(2, DaemonThreads.named("pipeline-timers"));
        try {
            CompletableFuture<Thread> ran = new CompletableFuture<>();
            Thread maker = new Thread(() -> executor.execute(() -> ran.complete(Thread.currentThread())));
            maker.setDaemon(false);
            maker.start();
            Thread worker = ran.get(10, TimeUnit.SECONDS);
            assertThat(worker.getName()).isEqualTo("pipeline-timers");
            assertThat(worker.isDaemon()).isTrue();
            assertThat(worker).isNotSameAs(maker);
        } finally {
            executor.shutdownNow();
        }
    }
}
