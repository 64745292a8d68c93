package com.fleetprovisioner.db;

import org.jooq.DSLContext;

/**
 * For tests (and the benchmarks' seeders) only: the jOOQ context of a database, to seed rows and read
 * what the product wrote. Product code outside this module goes through {@link Repositories}.
 */
public final class DatabaseFixture {
    private DatabaseFixture() {
    }

    public static DSLContext dsl(Database database) {
        return database.dsl();
    }
}
