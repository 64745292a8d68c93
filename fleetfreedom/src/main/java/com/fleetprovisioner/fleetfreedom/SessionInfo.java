package com.fleetprovisioner.fleetfreedom;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** The session shape shared by connectionResponse, loginResponse, getSessionDetailsResponse and sessionEnded. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionInfo(String ghostId, Instant expiry, Instant serverTime, User user,
                          JsonNode sessionPolicy, JsonNode passwordPolicy) {

    public boolean loggedIn() {
        return user != null;
    }

    /** The logged-in user; {@code company} is the account's own company (§4). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record User(String login, Long company, String nickname) {
    }
}
