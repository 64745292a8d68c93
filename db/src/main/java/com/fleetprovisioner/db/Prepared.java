package com.fleetprovisioner.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * A statement whose SQL is written once and run through JDBC on the calling thread's connection (its
 * transaction, if any), for the few statements the pipeline runs for every device: jOOQ rendered them
 * again each time, and that rendering, plain-SQL templates included, was 10-14 % of the CPU of a
 * 10,000-device H2 run (README, "Pipeline on H2: fewer index writes per device"). The SQL is portable
 * (H2 in PostgreSQL mode and PostgreSQL); values are bound in order: Long, Integer, String, Boolean,
 * Instant (as a timestamp with time zone) or {@link Null}.
 */
public final class Prepared {
    private Prepared() {}

    /** A typed SQL NULL: JDBC needs the type of an absent value. */
    public enum Null {
        TIMESTAMP(Types.TIMESTAMP_WITH_TIMEZONE), BIGINT(Types.BIGINT), INTEGER(Types.INTEGER), VARCHAR(Types.VARCHAR);

        private final int sqlType;

        Null(int sqlType) {
            this.sqlType = sqlType;
        }
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    public static int update(DSLContext dsl, String sql, Object... values) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, values);
                return statement.executeUpdate();
            }
        });
    }

    /** The first row, if any. */
    public static <T> Optional<T> first(DSLContext dsl, String sql, Row<T> row, Object... values) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, values);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() ? Optional.of(row.read(rs)) : Optional.<T>empty();
                }
            }
        });
    }

    /** Every row of the result, in order. */
    public static <T> List<T> all(DSLContext dsl, String sql, Row<T> row, Object... values) {
        return dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(statement, values);
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        rows.add(row.read(rs));
                    }
                }
                return rows;
            }
        });
    }

    /** A timestamp with time zone column as an instant; null stays null. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    /** The value, or the typed NULL when absent. */
    public static Object or(Optional<?> value, Null absent) {
        return value.isPresent() ? value.get() : absent;
    }

    /** An Instant, or the typed NULL when absent. */
    public static Object instantOrNull(Instant at) {
        return at == null ? Null.TIMESTAMP : at;
    }

    private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            int p = i + 1;
            if (v instanceof Null n) {
                statement.setNull(p, n.sqlType);
            } else if (v instanceof Long l) {
                statement.setLong(p, l);
            } else if (v instanceof Integer n) {
                statement.setInt(p, n);
            } else if (v instanceof String s) {
                statement.setString(p, s);
            } else if (v instanceof Boolean b) {
                statement.setBoolean(p, b);
            } else if (v instanceof Instant at) {
                statement.setObject(p, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            } else {
                throw new IllegalArgumentException("cannot bind " + (v == null ? "null (use Prepared.Null)" : v.getClass()));
            }
        }
    }
}
