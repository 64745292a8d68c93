package com.fleetprovisioner.core.intake;

/**
 * A submit failed for a reason of ours (the database, a bug), not the person's input. The submit is one
 * transaction, so nothing was queued and the batch is still a draft; the error id is in the log beside
 * the cause and in the audit, for the person to quote.
 */
public final class SubmitFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long batchId;
    private final String errorId;

    public SubmitFailedException(long batchId, String errorId, RuntimeException cause) {
        super("Submitting batch " + batchId + " failed (error id " + errorId + "); nothing was queued", cause);
        this.batchId = batchId;
        this.errorId = errorId;
    }

    public long batchId() {
        return batchId;
    }

    public String errorId() {
        return errorId;
    }
}
