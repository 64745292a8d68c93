package com.fleetprovisioner.core.history;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Read side of the devices: the history page, its exports and the device page. */
public interface DeviceHistory {
    /** One page of matching devices, in the query's order. */
    List<DeviceRecord> search(HistoryQuery query);

    /** Every matching device, streamed one by one (constant memory, whatever the count). */
    void forEach(HistoryQuery query, Consumer<DeviceRecord> sink);

    Optional<DeviceRecord> find(String providerId);

    /** The device's timeline, oldest first. */
    List<TimelineEntry> events(long deviceId);
}
