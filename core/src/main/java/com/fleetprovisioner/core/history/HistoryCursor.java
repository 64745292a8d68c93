package com.fleetprovisioner.core.history;

import java.time.Instant;
import java.util.Optional;

/** Where a page ended: the sort instant and id of its last row, as an opaque token for URLs. */
public record HistoryCursor(Instant at, long id) {

    public String token() {
        long seconds = at.getEpochSecond();
        return seconds + "." + at.getNano() + "." + id;
    }

    public static Optional<HistoryCursor> parse(String token) {
        if (token == null || !token.matches("-?\\d{1,12}\\.\\d{1,9}\\.\\d{1,18}")) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        return Optional.of(new HistoryCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                Long.parseLong(parts[2])));
    }
}
