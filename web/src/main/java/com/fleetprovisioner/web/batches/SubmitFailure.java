package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.intake.Batch;
import com.fleetprovisioner.core.intake.IntakeService;
import com.fleetprovisioner.core.intake.SubmitFailedException;

/**
 * What a person is told after a submit failed for a reason of ours: whether anything was queued, read
 * back from the batch rather than assumed, with the error id that is in the log and the audit.
 */
record SubmitFailure(long batchId, String errorId, Batch.State state, int devicesQueued) {

    static SubmitFailure of(SubmitFailedException e, IntakeService intake) {
        Batch now = intake.batch(e.batchId());
        return new SubmitFailure(e.batchId(), e.errorId(), now.state(), now.devicesQueued());
    }

    String message() {
        if (state == Batch.State.DRAFT) {
            return "Submitting failed: nothing was queued and batch " + batchId + " is still a draft. Submit it again; "
                    + "if it fails again, quote error id " + errorId + ".";
        }
        return "Submitting batch " + batchId + " reported an error (error id " + errorId + "), but the batch is "
                + state.id() + " with " + devicesQueued + " device(s) queued: follow it on its page.";
    }
}
