package com.fleetprovisioner.db.testing;

/** How to reach one test database: what FP_DB_URL, FP_DB_USER and FP_DB_PASSWORD would say. */
public record DatabaseUrl(String url, String user, String password) {
}
