package com.fleetprovisioner.core.intake;

import java.util.Optional;

/** What an upload applies to rows that leave a field empty. A kind is kept in its canonical spelling. */
public record IntakeDefaults(Optional<Long> company, Optional<String> kind) {
    public IntakeDefaults {
        kind = kind.map(Ids::normalize).filter(k -> !k.isEmpty()).map(k -> DeviceKinds.canonical(k).orElse(k));
    }

    public static IntakeDefaults none() {
        return new IntakeDefaults(Optional.empty(), Optional.empty());
    }
}
