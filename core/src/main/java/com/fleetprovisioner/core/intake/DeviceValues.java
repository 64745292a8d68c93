package com.fleetprovisioner.core.intake;

import java.util.Optional;

/**
 * A row's values as understood: normalised, and present only when valid. {@code password} is clear
 * text while validating and sealed once stored.
 */
public record DeviceValues(Optional<String> providerId, Optional<String> kind, Optional<Long> company,
        Optional<String> phone, Optional<String> password, Optional<Long> config, Optional<String> name) {

    public static DeviceValues empty() {
        return new DeviceValues(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public DeviceValues withPassword(Optional<String> value) {
        return new DeviceValues(providerId, kind, company, phone, value, config, name);
    }
}
