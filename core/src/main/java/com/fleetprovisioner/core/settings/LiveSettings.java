package com.fleetprovisioner.core.settings;

import java.util.function.Supplier;

/**
 * The settings in force for code that asks often (every page's banner, every upload): re-read only
 * when the stored version changed, which is one small row per call.
 */
public final class LiveSettings implements Supplier<Settings> {
    private final SettingsService service;
    private Settings cached;

    public LiveSettings(SettingsService service) {
        this.service = service;
    }

    @Override
    public synchronized Settings get() {
        if (cached == null || cached.version() != service.version()) {
            cached = service.current();
        }
        return cached;
    }
}
