package com.fleetprovisioner.web.batches;

import com.fleetprovisioner.core.common.Text;
import com.fleetprovisioner.core.history.DeviceHistory;
import com.fleetprovisioner.core.history.DeviceRecord;
import com.fleetprovisioner.core.history.HistoryCursor;
import com.fleetprovisioner.core.history.HistoryQuery;
import com.fleetprovisioner.core.provisioning.DeviceState;
import com.fleetprovisioner.web.render.UserZone;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of a batch's devices in submission order, paged by keyset on (submitted_at, id): "next"
 * carries the last row's key, "previous" the first row's; no offset, no count (the total is the
 * counters'). Rendering 200 rows was most of the batch page's time at 1,000,000 devices;
 * the rows come with their times formatted here, once, instead of twice a row in the template.
 */
public record BatchDevicePage(List<Row> rows, Optional<String> first, Optional<String> previous, Optional<String> next) {
    static final int SIZE = 50;
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    /** A device row as the batch page shows it; {@code billing*} are empty until billing started. */
    public record Row(long id, String providerId, DeviceState state, int attempts, String billingIso,
            String billingLocal, String billingUtc, String lastError, boolean selectable) {

        /** @param render a text in the reader's language and zone */
        static Row of(DeviceRecord d, UserZone zone, Function<Text, String> render) {
            Optional<Instant> billing = d.billingStartedAt();
            return new Row(d.id(), d.providerId(), d.state(), d.attempts(), billing.map(Instant::toString).orElse(""),
                    billing.map(at -> SHOWN.format(at.atZone(zone.zone()))).orElse(""),
                    billing.map(at -> SHOWN.format(at.atZone(ZoneOffset.UTC)) + " UTC").orElse(""),
                    d.lastErrorMessage().map(render).orElse(""), d.state() == DeviceState.FAILED || d.state() == DeviceState.CANCELLED);
        }

        public boolean billed() {
            return !billingIso.isEmpty();
        }
    }

    /** {@code after}/{@code before}: the cursor token of a "next" or "previous" link, if the request has one. */
    static BatchDevicePage load(DeviceHistory history, long batchId, Optional<String> after, Optional<String> before,
            UserZone zone, Function<Text, String> render) {
        Optional<HistoryCursor> back = before.flatMap(HistoryCursor::parse);
        Optional<HistoryCursor> forward = back.isPresent() ? Optional.empty() : after.flatMap(HistoryCursor::parse);
        // backwards: the newest rows before the cursor, turned round
        List<DeviceRecord> found = new ArrayList<>(history.search(query(batchId,
                back.isPresent() ? HistoryQuery.Order.NEWEST_SUBMITTED : HistoryQuery.Order.OLDEST_SUBMITTED,
                back.or(() -> forward))));
        boolean more = found.size() > SIZE;
        List<DeviceRecord> shown = found.subList(0, Math.min(SIZE, found.size()));
        if (back.isPresent()) {
            Collections.reverse(shown);
        }
        boolean hasPrevious = back.isPresent() ? more : forward.isPresent();
        boolean hasNext = back.isPresent() || more;
        String base = "/batches/" + batchId;
        return new BatchDevicePage(shown.stream().map(d -> Row.of(d, zone, render)).toList(),
                hasPrevious ? Optional.of(base) : Optional.empty(),
                hasPrevious && !shown.isEmpty() ? Optional.of(base + "?before=" + cursor(shown.get(0)) + "#devices-heading")
                        : Optional.empty(),
                hasNext && !shown.isEmpty() ? Optional.of(base + "?after=" + cursor(shown.get(shown.size() - 1))
                        + "#devices-heading") : Optional.empty());
    }

    private static HistoryQuery query(long batchId, HistoryQuery.Order order, Optional<HistoryCursor> cursor) {
        return new HistoryQuery(Optional.empty(), Optional.of(batchId), Optional.empty(), Optional.empty(),
                Optional.empty(), HistoryQuery.DateField.SUBMITTED, Optional.empty(), Optional.empty(), Optional.empty(),
                order, cursor, SIZE + 1);
    }

    private static String cursor(DeviceRecord d) {
        return new HistoryCursor(d.submittedAt(), d.id()).token();
    }
}
