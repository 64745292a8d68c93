package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.history.HistoryCursor;
import java.time.Instant;
import java.util.Optional;

/**
 * A page of the batches list, newest first: optional filters, and the keyset cursor (created at, id) of
 * the last batch of the previous page. Without a state, the batches that were submitted: drafts (and
 * discarded drafts) are only found by asking for their state, so unfinished uploads never crowd out work.
 */
public record BatchQuery(Optional<Batch.State> state, Optional<Long> createdBy, Optional<Instant> createdFrom,
        Optional<Instant> createdBefore, Optional<String> fileNameContains, Optional<HistoryCursor> after, int limit) {

    public static BatchQuery newest(int limit) {
        return new BatchQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), limit);
    }
}
