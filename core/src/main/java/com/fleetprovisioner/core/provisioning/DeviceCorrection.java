package com.fleetprovisioner.core.provisioning;

import java.util.Optional;

/**
 * New values a person gave a failed or cancelled device. {@code sealedPassword} empty = keep the stored one
 * (the page never shows it, so a blank field means "unchanged").
 */
public record DeviceCorrection(String kind, long companyId, Optional<String> phone, Optional<String> sealedPassword) {
}
