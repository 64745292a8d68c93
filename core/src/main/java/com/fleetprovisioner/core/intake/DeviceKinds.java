package com.fleetprovisioner.core.intake;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The provider kinds Fleet Freedom still accepts (protocol §4); the others in its enum are obsolete. */
public final class DeviceKinds {
    public static final List<String> ACTIVE = List.of("genx", "mobile", "datatrans", "lbs", "smartwitness", "calamp",
            "bewhere", "atrack", "teltonika", "queclink");

    private DeviceKinds() {
    }

    /** The canonical name for what a person typed ("Teltonika " → teltonika), if it is an active kind. */
    public static Optional<String> canonical(String typed) {
        String key = Ids.normalize(typed).toLowerCase(Locale.ROOT);
        return ACTIVE.contains(key) ? Optional.of(key) : Optional.empty();
    }
}
