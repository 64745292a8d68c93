package com.fleetprovisioner.core.intake;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns an upload may carry, with the header names people actually use for them. Matching
 * ignores case, spaces and punctuation, so "Reporting ID", "reporting_id" and "REPORTINGID" agree.
 */
public enum DeviceField {
    ID("IMEI", List.of("imei", "esn", "serial", "serialnumber", "serialno", "reportingid", "deviceid", "id",
            "providerid")),
    KIND("Kind", List.of("kind", "type", "devicetype", "modelfamily")),
    COMPANY("Company", List.of("company", "companyid")),
    PHONE("Phone", List.of("phone", "phonenumber", "msisdn")),
    PASSWORD("Password", List.of("password", "devicepassword")),
    CONFIG("Config", List.of("config", "configuration", "configid", "configurationid")),
    NAME("Name", List.of("name", "label"));

    private final String templateHeader;
    private final List<String> aliases;

    DeviceField(String templateHeader, List<String> aliases) {
        this.templateHeader = templateHeader;
        this.aliases = aliases;
    }

    /** The name the API and the single-device form use for this field. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String templateHeader() {
        return templateHeader;
    }

    public List<String> aliases() {
        return aliases;
    }

    /** The field a header cell names, if any. */
    public static Optional<DeviceField> forHeader(String header) {
        String key = squash(header);
        for (DeviceField field : values()) {
            if (field.aliases.contains(key)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    static String squash(String header) {
        return Ids.normalize(header == null ? "" : header).toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }
}
