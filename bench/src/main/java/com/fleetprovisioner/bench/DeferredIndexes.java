package com.fleetprovisioner.bench;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * The secondary indexes of the seeded tables, dropped before a bulk load and built again after it.
 * Maintaining them row by row was two thirds of the seed (twelve indexes on {@code device}, one of
 * them on the scattered provider ids); built once over the loaded table they cost seconds. Which
 * indexes exist is read from the database (JDBC metadata), so an index a later migration adds is
 * dropped and rebuilt too; the unique provider id constraint is dropped and added back, which also
 * checks the seeded ids are unique. Primary keys and foreign keys stay: the load keeps their checks.
 * On PostgreSQL the definitions are replayed as the server prints them ({@code pg_indexes}): the
 * columns JDBC reports would turn the trigram (GIN) index of V17 into a plain b-tree, and the search
 * figures would then measure a table scan, not the product.
 */
final class DeferredIndexes {
    private static final String UNIQUE_PROVIDER_ID = "uq_device_provider_id";

    private final DSLContext dsl;
    private final List<String> rebuild = new ArrayList<>();

    private DeferredIndexes(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Drops the plain ({@code ix_…}) indexes of {@code tables} and the provider id constraint. */
    static DeferredIndexes drop(DSLContext dsl, String... tables) {
        DeferredIndexes deferred = new DeferredIndexes(dsl);
        Map<String, String> creates = new LinkedHashMap<>();
        for (String table : tables) {
            creates.putAll(plainIndexes(dsl, table));
        }
        creates.forEach((name, create) -> {
            dsl.execute("DROP INDEX " + name);
            deferred.rebuild.add(create);
        });
        dsl.execute("ALTER TABLE device DROP CONSTRAINT " + UNIQUE_PROVIDER_ID);
        deferred.rebuild.add("ALTER TABLE device ADD CONSTRAINT " + UNIQUE_PROVIDER_ID + " UNIQUE (provider_id)");
        return deferred;
    }

    /** Builds everything {@link #drop} removed; returns how many indexes and constraints. */
    int rebuild() {
        rebuild.forEach(dsl::execute);
        return rebuild.size();
    }

    /** Index name → its CREATE INDEX, for the non-unique indexes named ix_… (constraints' own are not). */
    private static Map<String, String> plainIndexes(DSLContext dsl, String table) {
        if (dsl.dialect().family() == SQLDialect.POSTGRES) {
            Map<String, String> creates = new LinkedHashMap<>();
            dsl.resultQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename = ?"
                    + " AND indexname LIKE 'ix\\_%' ORDER BY indexname", table)
                    .forEach(r -> creates.put(r.get(0, String.class), r.get(1, String.class)));
            return creates;
        }
        Map<String, List<String>> columns = new LinkedHashMap<>();
        dsl.connection(connection -> {
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet rs = meta.getIndexInfo(null, "public", table, false, false)) {
                while (rs.next()) {
                    String name = rs.getString("INDEX_NAME");
                    if (name == null || !rs.getBoolean("NON_UNIQUE") || !name.toLowerCase(Locale.ROOT).startsWith("ix_")) {
                        continue;
                    }
                    String column = rs.getString("COLUMN_NAME");
                    String order = "D".equals(rs.getString("ASC_OR_DESC")) ? " DESC" : "";
                    List<String> list = columns.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>());
                    int position = rs.getShort("ORDINAL_POSITION");
                    while (list.size() < position) {
                        list.add(null);
                    }
                    list.set(position - 1, column.toLowerCase(Locale.ROOT) + order);
                }
            }
        });
        Map<String, String> creates = new LinkedHashMap<>();
        columns.forEach((name, cols) -> {
            if (cols.contains(null)) {
                throw new IllegalStateException("index " + name + " has a column that is not a plain column: " + cols);
            }
            creates.put(name, "CREATE INDEX " + name + " ON " + table + " (" + String.join(", ", cols) + ")");
        });
        return creates;
    }
}
