package com.fleetprovisioner.core.reconcile;

import com.fleetprovisioner.core.provisioning.DeviceState;

/** Our record of a provider id, as a reconciliation compares it. */
public record HereDevice(long deviceId, String providerId, DeviceState state, long companyId, String kind) {
}
