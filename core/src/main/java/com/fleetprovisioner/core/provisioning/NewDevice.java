package com.fleetprovisioner.core.provisioning;

import java.util.Optional;

/**
 * A device a person submitted, about to be queued. {@code passwordSecret} is already sealed by
 * {@link com.fleetprovisioner.core.common.SecretBox}: the clear device password never reaches storage.
 */
public record NewDevice(
        String providerId,
        String kind,
        long companyId,
        Optional<String> name,
        Optional<String> phoneNumber,
        Optional<String> passwordSecret,
        Optional<Long> configId,
        long batchId,
        Optional<Integer> batchRow,
        long submittedBy) {
}
