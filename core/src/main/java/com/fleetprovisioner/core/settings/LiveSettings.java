package com.fleetprovisioner.core.settings;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The settings in force for code that asks often (every page's banner, /health, every upload):
 * re-read only when the stored version changed, which is one small row per call. While the database
 * cannot be read, the last values read stay in force.
 */
public final class LiveSettings implements Supplier<Settings> {
    private static final Logger log = LoggerFactory.getLogger(LiveSettings.class);

    private final SettingsService service;
    private Settings cached;

    public LiveSettings(SettingsService service) {
        this.service = service;
    }

    @Override
    public synchronized Settings get() {
        try {
            if (cached == null || cached.version() != service.version()) {
                cached = service.current();
            }
        } catch (RuntimeException e) {
            if (cached == null) {
                throw e;
            }
            log.debug("settings not readable; keeping version {}", cached.version(), e);
        }
        return cached;
    }
}
