package com.fleetprovisioner.core.reconcile;

import com.fleetprovisioner.core.provisioning.DeviceState;
import java.util.Optional;

/**
 * One device of a run, in one category: what Fleet Freedom says of it ({@code companyThere}, {@code kind})
 * and what we hold ({@code deviceId}, {@code companyHere}, {@code stateHere}), each absent where that side
 * does not know it.
 */
public record ReconcileRow(String providerId, ReconcileCategory category, Optional<String> kind,
        Optional<Long> companyThere, Optional<Long> companyHere, Optional<Long> deviceId,
        Optional<DeviceState> stateHere) {
}
