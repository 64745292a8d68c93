package com.fleetprovisioner.core.billing;

import com.fleetprovisioner.core.history.HistoryCursor;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The devices whose billing started in a month, by their billing start alone: a device without one
 * (failed, cancelled, still queued, or any record we did not add) never counts.
 */
public interface BillingReport {
    /** Counted by the database, not by reading rows. */
    BillingTotals totals(BillingMonth month);

    /** One page in billing-start order (then id), after the cursor (the previous page's last row). */
    List<BillingRow> rows(BillingMonth month, Optional<Long> companyId, Optional<HistoryCursor> after, int limit);

    /** Every row of the month (and company), streamed in the same order (constant memory). */
    void forEach(BillingMonth month, Optional<Long> companyId, Consumer<BillingRow> sink);
}
