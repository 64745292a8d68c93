package com.fleetprovisioner.core.settings;

import java.util.Map;
import java.util.Set;

/**
 * What an admin submitted: a raw value per key (the password blank to keep it), the keys to revert to
 * their environment value, and whether they confirmed that a new endpoint or login is the same Fleet
 * Freedom account (needed while devices wait for a check of an unknown outcome).
 */
public record SettingsForm(Map<SettingKey, String> values, Set<SettingKey> revert, boolean confirmSameAccount) {
    public SettingsForm {
        values = Map.copyOf(values);
        revert = Set.copyOf(revert);
    }

    public String raw(SettingKey key) {
        return values.getOrDefault(key, "").trim();
    }

    @Override
    public String toString() {
        return "SettingsForm[keys=" + values.keySet() + ", revert=" + revert + "]";
    }
}
