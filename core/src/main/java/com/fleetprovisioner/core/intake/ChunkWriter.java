package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.common.DaemonThreads;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Stores an upload's row chunks on a thread of its own while the caller reads and checks the next
 * chunk: storing is half of an upload's work, reading and checking the other half. One chunk at a
 * time is in flight, so memory still holds two chunks at most. Each chunk is its own statement
 * (committed on its own), as before; a failure of any chunk is thrown to the caller at its next
 * chunk or at {@link #finish()}. {@link #close()} returns only once no chunk is being written, so a
 * failed upload's rows can be deleted after it. The thread starts with the second chunk: a file of
 * one chunk is stored by the caller.
 */
final class ChunkWriter implements AutoCloseable {
    private final long batchId;
    private final BatchRepository batches;
    private ExecutorService executor;
    private Future<?> inFlight;

    ChunkWriter(long batchId, BatchRepository batches) {
        this.batchId = batchId;
        this.batches = batches;
    }

    /** Hands the chunk over (the caller must not change it afterwards); waits while the previous one is stored. */
    void write(List<IntakeRow> rows) {
        awaitInFlight();
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(DaemonThreads.named("intake-writer-" + batchId));
        }
        inFlight = executor.submit(() -> batches.insertRows(batchId, rows));
    }

    /** Stores the last chunk on the caller's thread, after every chunk before it. */
    void finish(List<IntakeRow> last) {
        awaitInFlight();
        if (!last.isEmpty()) {
            batches.insertRows(batchId, last);
        }
    }

    private void awaitInFlight() {
        Future<?> pending = inFlight;
        if (pending == null) {
            return;
        }
        inFlight = null;
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    pending.get();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true; // the chunk's statement runs on: wait for it, then keep the interrupt
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException("Storing a chunk of rows failed", cause);
    }

    /** Waits for a chunk still being written (its failure is not thrown here: the upload is failing already). */
    @Override
    public void close() {
        try {
            awaitInFlight();
        } catch (RuntimeException | Error ignored) {
            // the caller is handling the upload's own failure; this chunk's rows are deleted with the batch
        } finally {
            if (executor != null) {
                executor.shutdown();
            }
        }
    }
}
