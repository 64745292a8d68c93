package com.fleetprovisioner.fleetfreedom;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A connection that ends while the dispatcher holds a command it has not written yet: the command must
 * still complete (never written, so as not connected), whoever wins the race. A caller that waits for its
 * outcome without a bound (the pipeline's jobs do) would otherwise wait forever.
 */
class CommandPipelineCloseTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @Test
    void aCommandTheDispatcherHeldWhenTheConnectionEndedIsEndedUnsent() throws Exception {
        SessionGate gate = new SessionGate();
        List<String> written = new CopyOnWriteArrayList<>();
        CountDownLatch inBudget = new CountDownLatch(1);
        CountDownLatch budgetGranted = new CountDownLatch(1);
        // a budget that takes a while and does not heed interrupts, as a reservation from the shared
        // budget's row does (a JDBC call)
        SendBudget slowBudget = () -> {
            inBudget.countDown();
            awaitUninterruptibly(budgetGranted);
        };
        FleetFreedomConfig config = FleetFreedomConfig.of(URI.create("ws://127.0.0.1:1/"), "user", "secret")
                .withCommandTimeout(Duration.ofSeconds(3));
        CommandPipeline pipeline = new CommandPipeline(config, new PauseGate(CLOCK), slowBudget, CLOCK, new FrameCodec(),
                CommandPipeline.Link.of(gate, written::add));
        gate.open(CLOCK.instant());
        pipeline.start(() -> { });

        PendingCommand<?> fenced = pipeline.pending(Request.getProvider("P-1", true)
                .settledBy(CLOCK.instant().plusSeconds(60)), false);
        pipeline.enqueue(fenced);
        assertThat(inBudget.await(10, TimeUnit.SECONDS)).as("the dispatcher took the command").isTrue();

        // the connection ends as FleetFreedomClient.onClosed ends it, while the dispatcher still holds it
        gate.close();
        pipeline.failInFlight("connection closed");
        pipeline.failQueued(() -> CommandOutcome.notConnected("connection closed"));
        pipeline.shutdown(() -> { });
        budgetGranted.countDown();

        CommandOutcome<?> outcome = fenced.future.completeOnTimeout(null, 10, TimeUnit.SECONDS).get();
        assertThat(outcome).as("completed, long before its write-by deadline").isNotNull();
        assertThat(outcome).isInstanceOfSatisfying(CommandOutcome.NotSent.class,
                notSent -> assertThat(notSent.why()).isEqualTo(CommandOutcome.NotSent.Why.NO_CONNECTION));
        assertThat(written).as("nothing written on the closed connection").isEmpty();
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
