package com.fleetprovisioner.core.history;

import com.fleetprovisioner.core.provisioning.DeviceState;
import java.time.Instant;
import java.util.Optional;

/**
 * A filter over every device we handled, in one of a few orders, paged by keyset (the cursor is
 * the last row of the previous page) so that page 1,000 costs what page 1 costs.
 */
public record HistoryQuery(
        Optional<DeviceState> state,
        Optional<Long> batchId,
        Optional<String> kind,
        Optional<Long> companyId,
        Optional<Long> submittedBy,
        DateField dateField,
        Optional<Instant> from,
        Optional<Instant> to,
        Optional<String> idPrefix,
        Order order,
        Optional<HistoryCursor> after,
        int limit) {

    /** Which date the from/to range applies to. */
    public enum DateField { SUBMITTED, BILLING }

    public enum Order {
        NEWEST_SUBMITTED, OLDEST_SUBMITTED, LATEST_BILLING;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static HistoryQuery everything(int limit) {
        return new HistoryQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                DateField.SUBMITTED, Optional.empty(), Optional.empty(), Optional.empty(), Order.NEWEST_SUBMITTED,
                Optional.empty(), limit);
    }

    public HistoryQuery after(HistoryCursor cursor) {
        return new HistoryQuery(state, batchId, kind, companyId, submittedBy, dateField, from, to, idPrefix, order,
                Optional.of(cursor), limit);
    }
}
