package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.provisioning.DeviceState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The batches list and a batch's summary (implemented in {@code db.batch}). */
public interface BatchListing {
    /** Newest first; device counts come from one grouped query over the page's batch ids. */
    List<BatchSummary> search(BatchQuery query);

    /**
     * One batch with the devices per state its caller already counted: the batch page has them from its
     * progress, and counting a 100,000-device batch a second time doubled that page's time.
     */
    Optional<BatchSummary> summary(long batchId, Map<DeviceState, Long> devices);
}
