package com.fleetprovisioner.fleetfreedom;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * The provider object of an adding {@code mergeProvider}. Deliberately has no {@code v}: a version key
 * would turn the add into an update. Sends {@code phoneNumber} and {@code config} (our decision, §4).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NewProvider(String id, String kind, long company, String password, String phoneNumber,
                          Long config, String name) {

    public NewProvider {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }

    public static NewProvider of(String id, String kind, long company) {
        return new NewProvider(id, kind, company, null, null, null, null);
    }

    @Override
    public String toString() {
        return "NewProvider[id=" + id + ", kind=" + kind + ", company=" + company
                + ", password=" + (password == null ? "null" : "***") + ", phoneNumber=" + phoneNumber
                + ", config=" + config + ", name=" + name + "]";
    }
}
