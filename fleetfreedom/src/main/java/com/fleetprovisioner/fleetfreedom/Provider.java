package com.fleetprovisioner.fleetfreedom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** The full provider object as {@code getProvider} and {@code getProvidersList} return it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provider(String id, Long company, String kind, String name, String notes, Long asset,
                       Long configuration, String password, String phoneNumber, String firmware, String sim,
                       JsonNode information, Boolean deleted, Boolean suspended, Instant since, List<Long> v) {

    public boolean isDeleted() {
        return Boolean.TRUE.equals(deleted);
    }

    @Override
    public String toString() {
        return "Provider[id=" + id + ", company=" + company + ", kind=" + kind + ", name=" + name
                + ", configuration=" + configuration + ", password=" + (password == null ? "null" : "***")
                + ", phoneNumber=" + phoneNumber + ", deleted=" + deleted + ", since=" + since + "]";
    }
}
