package com.fleetprovisioner.core.search;

import java.util.List;

/** Finds devices by any part of their provider id, for the search box in every page's header. */
public interface DeviceSearch {
    /** The longest fragment searched: longer than any provider id (50 characters). */
    int MAX_FRAGMENT = 50;

    /** Up to {@code limit} devices whose id contains {@code fragment} (as typed, case kept), by id. */
    List<DeviceHit> byIdFragment(String fragment, int limit);

    /** How {@code fragment} is matched here, by {@link #byIdFragment} and by the history's id filter alike. */
    IdMatch howMatched(String fragment);
}
