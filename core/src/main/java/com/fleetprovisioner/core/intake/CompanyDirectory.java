package com.fleetprovisioner.core.intake;

import java.util.Set;

/**
 * The Fleet Freedom companies devices may be added to. Throws {@link CompanyDirectory.Unavailable}
 * when they cannot be fetched: intake then refuses rather than guessing.
 */
public interface CompanyDirectory {
    Set<Long> companies();

    /** The company list could not be fetched; the message says why, for the person uploading. */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message) {
            super(message);
        }
    }
}
