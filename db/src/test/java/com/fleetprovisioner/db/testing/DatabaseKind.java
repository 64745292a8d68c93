package com.fleetprovisioner.db.testing;

/** The two databases the product supports; integration tests run on both. */
public enum DatabaseKind {
    H2,
    POSTGRES
}
