package com.fleetprovisioner.core.intake;

import com.fleetprovisioner.core.common.Text;
import java.util.Set;

/**
 * The Fleet Freedom companies devices may be added to. Throws {@link CompanyDirectory.Unavailable}
 * when they cannot be fetched: intake then refuses rather than guessing.
 */
public interface CompanyDirectory {
    Set<Long> companies();

    /** The company list could not be fetched: {@link #reason} says why for the person uploading, the message for the log. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Text reason;

        public Unavailable(Text reason, String message) {
            super(message);
            this.reason = reason;
        }

        public Text reason() {
            return reason;
        }
    }
}
