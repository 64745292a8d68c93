package com.fleetprovisioner.core.intake;

import java.util.List;
import java.util.Optional;

/** The batches list and a batch's summary (implemented in {@code db.intake}). */
public interface BatchListing {
    /** Newest first; device counts come from one grouped query over the page's batch ids. */
    List<BatchSummary> search(BatchQuery query);

    Optional<BatchSummary> summary(long batchId);
}
